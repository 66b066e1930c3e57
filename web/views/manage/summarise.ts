/** One readable line per managed record, for the management tables. */
import type { Entity } from '../../api/client.ts';
import type { EntityRow as Row } from '../../../server/contract/entities.ts';
import { t } from '../../i18n/i18n.ts';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const days = (v: unknown) =>
  Array.isArray(v) ? v.map((d) => t(`weekday.${d}` as 'weekday.mon').slice(0, 3)).join(' ') : '';

export function summarise(entity: Entity, row: Row): { name: string; details: string } {
  const r = row as Record<string, any>;
  switch (entity) {
    case 'passengers':
      return {
        name: str(r.name),
        details: [r.householdId, r.ageGroup, r.mobility, r.needsEscort ? t('driver.escort') : '']
          .filter(Boolean)
          .join(' · '),
      };
    case 'households':
      return {
        name: str(r.name),
        details: [r.home?.label, (r.adults ?? []).map((a: { name: string }) => a.name).join(', ')]
          .filter(Boolean)
          .join(' · '),
      };
    case 'requests':
      return {
        name: `${str(r.passengerId)} → ${str(r.serviceId)}`,
        details: `${days(r.weekdays)} · ${str(r.validFrom)}–${str(r.validTo)}`,
      };
    case 'vehicles':
      return {
        name: str(r.label),
        details: `${str(r.plate)} · ${t('manage.capacity', { seats: str(r.capacity?.seats), wheelchairs: str(r.capacity?.wheelchairs) })}`,
      };
    case 'drivers':
      return { name: str(r.name), details: (r.vehicleIds ?? []).join(', ') };
    case 'services':
      return { name: str(r.name), details: [r.kind, r.place?.label].filter(Boolean).join(' · ') };
  }
}
