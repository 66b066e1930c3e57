/**
 * The services of the province-wide scale scenario, spread over the 135 comuni the way the demo
 * catalogue spreads them over 16: a primary school in every comune, lower-secondary schools and
 * nurseries in the larger comuni (and in each zone's largest), and in each zone's largest comuni
 * the day centres (CDD/CSE, CDI), a therapy centre and a summer camp. Hours are the demo
 * catalogue's, taken in turn so that starts stay staggered. Names say "(demo)".
 */
import type { ProvinceMunicipality } from '../geo/province-municipalities.ts';
import { SERVICE_CATALOGUE, type ServiceTemplate } from './service-catalogue.ts';
import type { Zone } from './province-zones.ts';

const SECONDARY_FROM = 5000;
const NURSERY_FROM = 8000;
const ELDERLY_CENTRE_FROM = 25_000;

const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

/** The demo catalogue's templates of one kind of service (by id prefix), to take hours from in turn. */
const templates = (prefix: string): ServiceTemplate[] => SERVICE_CATALOGUE.filter((t) => t.id.startsWith(prefix));

export function provinceServiceTemplates(zones: Zone[]): ServiceTemplate[] {
  const largest = (z: Zone, k: number): ProvinceMunicipality[] =>
    [...z.comuni].sort((a, b) => b.population - a.population || a.istatCode.localeCompare(b.istatCode)).slice(0, k);
  const firstOfZone = new Set(zones.map((z) => largest(z, 1)[0].istatCode));
  const twoOfZone = zones.flatMap((z) => largest(z, 2));
  const all = zones.flatMap((z) => z.comuni).sort((a, b) => a.istatCode.localeCompare(b.istatCode));
  const series = (
    prefix: string,
    idPrefix: string,
    label: string,
    comuni: ProvinceMunicipality[],
  ): ServiceTemplate[] => {
    const from = templates(prefix);
    return comuni.map((m, i) => ({
      ...from[i % from.length],
      id: `${idPrefix}${slug(m.name)}`,
      name: `${label} (demo) ${m.name}`,
      comune: m.name,
    }));
  };
  const chosen = (min: number) => all.filter((m) => m.population >= min || firstOfZone.has(m.istatCode));
  const seats = zones.map((z) => largest(z, 1)[0]);
  return [
    ...series('svc-cdd-', 'svc-cdd-', 'CDD', twoOfZone),
    ...series('svc-cdi-', 'svc-cdi-', 'CDI', chosen(ELDERLY_CENTRE_FROM)),
    ...series('svc-primaria-', 'svc-primaria-', 'Scuola primaria', all),
    ...series('svc-secondaria-', 'svc-secondaria-', 'Scuola secondaria', chosen(SECONDARY_FROM)),
    ...series('svc-nido-', 'svc-nido-', 'Asilo nido', chosen(NURSERY_FROM)),
    ...series('svc-centro-estivo-', 'svc-centro-estivo-', 'Centro estivo', seats),
    ...series('svc-riabilitazione-', 'svc-riabilitazione-', 'Centro di riabilitazione', seats),
  ].map((t) => ({ ...t, closedOnFridayOfWeek: false }));
}
