/**
 * How passengers and standing requests look as CSV rows: the columns, entity → cells for the
 * export, cells → a plain object for the import (then validated by the zod schema like any
 * API body). Lists (weekdays, exceptions) are space-separated inside one cell.
 */

export interface CsvColumns {
  header: string[];
  toRow(e: Record<string, unknown>): unknown[];
  /** Only the columns present in the file are set; an empty cell means "not given". */
  fromRow(cells: Record<string, string>): Record<string, unknown>;
}

const list = (v: string): string[] => v.split(/[\s,;]+/).filter(Boolean);
const bool = (v: string): unknown => {
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes', 'si', 'sì'].includes(s)) return true;
  if (['false', '0', 'no'].includes(s)) return false;
  return v; // left for the schema to reject, naming the value
};
const num = (v: string): unknown => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

function setIf(
  out: Record<string, unknown>,
  key: string,
  v: string | undefined,
  map: (s: string) => unknown = (s) => s,
) {
  if (v !== undefined && v.trim() !== '') out[key] = map(v.trim());
}

export const PASSENGER_CSV: CsvColumns = {
  header: [
    'id',
    'name',
    'householdId',
    'ageGroup',
    'mobility',
    'needsEscort',
    'boardingMin',
    'alightingMin',
    'homeLabel',
    'homeLat',
    'homeLon',
    'notesForDriver',
    'synthetic',
  ],
  toRow: (p) => {
    const home = p.home as { label: string; lat: number; lon: number } | undefined;
    return [
      p.id,
      p.name,
      p.householdId,
      p.ageGroup,
      p.mobility,
      p.needsEscort,
      p.boardingMin,
      p.alightingMin,
      home?.label ?? '',
      home?.lat ?? '',
      home?.lon ?? '',
      p.notesForDriver,
      p.synthetic,
    ];
  },
  fromRow: (c) => {
    const out: Record<string, unknown> = {};
    setIf(out, 'id', c.id);
    setIf(out, 'name', c.name);
    setIf(out, 'householdId', c.householdId);
    setIf(out, 'ageGroup', c.ageGroup);
    setIf(out, 'mobility', c.mobility);
    setIf(out, 'needsEscort', c.needsEscort, bool);
    setIf(out, 'boardingMin', c.boardingMin, num);
    setIf(out, 'alightingMin', c.alightingMin, num);
    if (c.notesForDriver !== undefined) out.notesForDriver = c.notesForDriver;
    setIf(out, 'synthetic', c.synthetic, bool);
    if ([c.homeLabel, c.homeLat, c.homeLon].some((v) => v !== undefined && v.trim() !== '')) {
      out.home = { label: c.homeLabel ?? '', lat: num(c.homeLat ?? ''), lon: num(c.homeLon ?? '') };
    }
    return out;
  },
};

export const REQUEST_CSV: CsvColumns = {
  header: ['id', 'passengerId', 'serviceId', 'weekdays', 'validFrom', 'validTo', 'outbound', 'return', 'exceptions'],
  toRow: (r) => [
    r.id,
    r.passengerId,
    r.serviceId,
    (r.weekdays as string[]).join(' '),
    r.validFrom,
    r.validTo,
    r.outbound,
    r.return,
    ((r.exceptions as string[] | undefined) ?? []).join(' '),
  ],
  fromRow: (c) => {
    const out: Record<string, unknown> = {};
    setIf(out, 'id', c.id);
    setIf(out, 'passengerId', c.passengerId);
    setIf(out, 'serviceId', c.serviceId);
    setIf(out, 'weekdays', c.weekdays, (s) => list(s.toLowerCase()));
    setIf(out, 'validFrom', c.validFrom);
    setIf(out, 'validTo', c.validTo);
    setIf(out, 'outbound', c.outbound, bool);
    setIf(out, 'return', c.return, bool);
    if (c.exceptions !== undefined) out.exceptions = list(c.exceptions);
    return out;
  },
};
