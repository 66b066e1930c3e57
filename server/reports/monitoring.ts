/**
 * Action A's monitoring report for a date range: one row per comune × month (the CSV's rows),
 * and the same figures per comune, per Ambito, per month and in total — every total is the sum
 * of the rows it covers (counts of households and people are per row: a family served in two
 * months counts in both; `distinct` gives the range's distinct counts). Planned trips are the
 * published plans' trips and every recorded outcome (the synthetic history has no plan); a trip
 * is delivered when its drop-off was marked.
 */
import { csvCell } from '../csv/csv.ts';
import type { MonitoringReport, MonitoringRow } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import { loadMunicipalities } from '../geo/index.ts';
import { publishedTripsBetween } from '../programme/planned-trips.ts';
import {
  type Category,
  type ProgrammeData,
  type ProgrammeTrip,
  loadProgrammeData,
} from '../programme/programme-data.ts';
import { type OutcomeStatus, outcomesBetween } from '../programme/trip-outcomes.ts';
import { istatCodeOf } from '../entities/municipality-code.ts';
import { tripKeyOf } from '../contract/trip-key.ts';

export const CONCILIATION_FORMULA =
  'conciliation minutes of a delivered trip = round(2 × direct drive time home ↔ service), direct drive time = 1 min + great-circle distance × 1.35 at 32 km/h; 0 when no adult of the household works that weekday';

export const OUTSIDE = { code: 'outside', name: 'outside the 16 comuni (employees of alliance members)' };

export interface DayFigures {
  date: string;
  planned: number;
  delivered: number;
  noShow: number;
  cancelled: number;
}

export interface NoShowWarning {
  passengerId: string;
  householdId: string;
  noShows: number;
  dates: string[];
}

/** A passenger with this many no-shows in the range is flagged to the coordinator. */
export const NO_SHOW_WARNING_AT = 3;

type Counted = ProgrammeTrip & { status: OutcomeStatus | 'planned' };

const ADDITIVE = [
  'households',
  'people',
  'children',
  'disabledAdults',
  'frailElderly',
  'tripsPlanned',
  'tripsDelivered',
  'tripsNoShow',
  'tripsCancelled',
  'kmM',
  'vehicleS',
  'costCents',
  'regionalCents',
  'cofundingCents',
  'ungrantedCents',
  'coPaymentCents',
  'conciliationMin',
] as const;

function emptyRow(month: string | null, istatCode: string | null, comune: string | null, ambito: string | null) {
  const row = { month, istatCode, comune, ambito, byProvider: {}, centsPerTrip: 0, centsPerPerson: 0 } as MonitoringRow;
  for (const k of ADDITIVE) row[k] = 0;
  return row;
}

function finish(row: MonitoringRow): MonitoringRow {
  row.centsPerTrip = row.tripsDelivered ? Math.round(row.costCents / row.tripsDelivered) : 0;
  row.centsPerPerson = row.people ? Math.round(row.costCents / row.people) : 0;
  return row;
}

/** Adds rows: every additive figure summed, ratios recomputed. */
export function sumRows(rows: MonitoringRow[], key: Pick<MonitoringRow, 'month' | 'istatCode' | 'comune' | 'ambito'>) {
  const out = emptyRow(key.month, key.istatCode, key.comune, key.ambito);
  for (const r of rows) {
    for (const k of ADDITIVE) out[k] += r[k];
    for (const [p, c] of Object.entries(r.byProvider)) out.byProvider[p] = (out.byProvider[p] ?? 0) + c;
  }
  return finish(out);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

const CATEGORY_FIELD: Record<Category, 'children' | 'disabledAdults' | 'frailElderly'> = {
  child: 'children',
  disabled_adult: 'disabledAdults',
  frail_elderly: 'frailElderly',
};

export function parseComune(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value === OUTSIDE.code) return OUTSIDE.code;
  const code = istatCodeOf(value);
  if (!code)
    throw new AppError('REQUEST_INVALID', `comune: "${value}" is not one of the 16 comuni`, [
      { path: 'comune', message: 'not one of the 16 comuni', value },
    ]);
  return code;
}

export async function monitoringReport(
  db: Db,
  q: { from: string; to: string; comune?: string },
  preloaded?: ProgrammeData,
): Promise<MonitoringReport> {
  if (q.to < q.from)
    throw new AppError('REQUEST_INVALID', `to: ${q.to} is before from ${q.from}`, [
      { path: 'to', message: `is before from ${q.from}`, value: q.to },
    ]);
  const comune = parseComune(q.comune);
  const data = preloaded ?? (await loadProgrammeData(db));
  const trips = new Map<string, Counted>();
  for (const t of await publishedTripsBetween(db, data, q.from, q.to))
    trips.set(tripKeyOf(t), { ...t, status: 'planned' });
  for (const o of await outcomesBetween(db, q.from, q.to)) trips.set(tripKeyOf(o), o);
  const municipalities = new Map(loadMunicipalities().map((m) => [m.istatCode, m]));
  const ambitoOf = (t: Counted): string =>
    (t.istatCode && municipalities.get(t.istatCode)?.ambito) ||
    data.grants.find((g) => g.householdId === t.householdId)?.ambito ||
    'unknown';
  const all = [...trips.values()].filter((t) => !comune || (t.istatCode ?? OUTSIDE.code) === comune);

  const rows: MonitoringRow[] = [];
  for (const [key, list] of groupBy(all, (t) => `${t.date.slice(0, 7)}|${t.istatCode ?? OUTSIDE.code}`)) {
    const [month, code] = key.split('|') as [string, string];
    const m = municipalities.get(code);
    const row = emptyRow(month, code, m?.name ?? OUTSIDE.name, m?.ambito ?? ambitoOf(list[0]!));
    const served = list.filter((t) => t.status === 'delivered');
    row.households = new Set(served.map((t) => t.householdId)).size;
    const people = new Map(served.map((t) => [t.passengerId, t.category]));
    row.people = people.size;
    for (const c of people.values()) row[CATEGORY_FIELD[c]]++;
    row.tripsPlanned = list.length;
    row.tripsDelivered = served.length;
    row.tripsNoShow = list.filter((t) => t.status === 'no_show').length;
    row.tripsCancelled = list.filter((t) => t.status === 'cancelled').length;
    for (const t of served) {
      row.kmM += t.kmM;
      row.vehicleS += t.vehicleS;
      row.costCents += t.costCents;
      row.coPaymentCents += t.coPaymentCents;
      const voucher = t.costCents - t.coPaymentCents;
      if (t.fundingLine === 'regional') row.regionalCents += voucher;
      else if (t.fundingLine === 'cofunding') row.cofundingCents += voucher;
      else row.ungrantedCents += voucher;
      if (t.providerId) row.byProvider[t.providerId] = (row.byProvider[t.providerId] ?? 0) + t.costCents;
      row.conciliationMin += t.conciliationMin;
    }
    rows.push(finish(row));
  }
  rows.sort((a, b) => a.month!.localeCompare(b.month!) || a.comune!.localeCompare(b.comune!));

  const byComune = [...groupBy(rows, (r) => r.istatCode!)].map(([code, list]) =>
    sumRows(list, { month: null, istatCode: code, comune: list[0]!.comune, ambito: list[0]!.ambito }),
  );
  byComune.sort((a, b) => a.comune!.localeCompare(b.comune!));
  const byAmbito = [...groupBy(rows, (r) => r.ambito!)].map(([ambito, list]) =>
    sumRows(list, { month: null, istatCode: null, comune: null, ambito }),
  );
  byAmbito.sort((a, b) => a.ambito!.localeCompare(b.ambito!));
  const byMonth = [...groupBy(rows, (r) => r.month!)].map(([month, list]) =>
    sumRows(list, { month, istatCode: null, comune: null, ambito: null }),
  );
  const total = sumRows(rows, { month: null, istatCode: null, comune: null, ambito: null });

  const served = all.filter((t) => t.status === 'delivered');
  const distinctPeople = new Map(served.map((t) => [t.passengerId, t.category]));
  const distinct = {
    households: new Set(served.map((t) => t.householdId)).size,
    people: distinctPeople.size,
    children: 0,
    disabledAdults: 0,
    frailElderly: 0,
  };
  for (const c of distinctPeople.values()) distinct[CATEGORY_FIELD[c]]++;

  const days = [...groupBy(all, (t) => t.date)]
    .map(([date, list]) => ({
      date,
      planned: list.length,
      delivered: list.filter((t) => t.status === 'delivered').length,
      noShow: list.filter((t) => t.status === 'no_show').length,
      cancelled: list.filter((t) => t.status === 'cancelled').length,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));

  const noShowWarnings = [
    ...groupBy(
      all.filter((t) => t.status === 'no_show'),
      (t) => t.passengerId,
    ),
  ]
    .filter(([, list]) => list.length >= NO_SHOW_WARNING_AT)
    .map(([passengerId, list]) => ({
      passengerId,
      householdId: list[0]!.householdId,
      noShows: list.length,
      dates: [...new Set(list.map((t) => t.date))].sort(),
    }))
    .sort((a, b) => b.noShows - a.noShows || a.passengerId.localeCompare(b.passengerId));

  return {
    from: q.from,
    to: q.to,
    comune,
    formula: CONCILIATION_FORMULA,
    providers: data.providers.map((p) => ({ id: p.id, name: p.name })),
    rows,
    byComune,
    byAmbito,
    byMonth,
    total,
    distinct,
    days,
    noShowWarnings,
  };
}

const hours = (s: number) => (s / 3600).toFixed(1);
const km = (m: number) => (m / 1000).toFixed(1);
const eur = (c: number) => (c / 100).toFixed(2);

/** CSV: a header, one row per comune × month, then nothing else (totals are the sum of the rows). */
export function monitoringCsv(r: MonitoringReport): string {
  const providerIds = r.providers.map((p) => p.id);
  const header = [
    'month',
    'istat_code',
    'comune',
    'ambito',
    'households',
    'people',
    'children',
    'disabled_adults',
    'frail_elderly',
    'trips_planned',
    'trips_delivered',
    'trips_no_show',
    'km',
    'vehicle_hours',
    'euro',
    'euro_regional',
    'euro_cofunding',
    'euro_ungranted',
    'euro_co_payment',
    ...providerIds.map((p) => `euro_provider_${p}`),
    'euro_per_trip',
    'euro_per_person',
    'conciliation_hours',
  ];
  // csvCell quotes and guards text a spreadsheet would run as a formula (OWASP CSV injection).
  const cell = (v: string | number | null) => csvCell(v);
  const lines = r.rows.map((x) =>
    [
      x.month,
      x.istatCode,
      x.comune,
      x.ambito,
      x.households,
      x.people,
      x.children,
      x.disabledAdults,
      x.frailElderly,
      x.tripsPlanned,
      x.tripsDelivered,
      x.tripsNoShow,
      km(x.kmM),
      hours(x.vehicleS),
      eur(x.costCents),
      eur(x.regionalCents),
      eur(x.cofundingCents),
      eur(x.ungrantedCents),
      eur(x.coPaymentCents),
      ...providerIds.map((p) => eur(x.byProvider[p] ?? 0)),
      eur(x.centsPerTrip),
      eur(x.centsPerPerson),
      (x.conciliationMin / 60).toFixed(1),
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/** The plain-text table the CLI prints: one line per comune × month, then per Ambito and the total. */
export function monitoringTable(r: MonitoringReport): string {
  const cols = [
    'month',
    'comune',
    'ambito',
    'people',
    'planned',
    'delivered',
    'no-show',
    'km',
    'veh h',
    '€',
    'conc. h',
  ];
  const line = (x: MonitoringRow, month: string, comune: string, ambito: string) => [
    month,
    comune,
    ambito,
    String(x.people),
    String(x.tripsPlanned),
    String(x.tripsDelivered),
    String(x.tripsNoShow),
    km(x.kmM),
    hours(x.vehicleS),
    eur(x.costCents),
    (x.conciliationMin / 60).toFixed(1),
  ];
  const body = [
    ...r.rows.map((x) => line(x, x.month!, x.comune!, x.ambito!)),
    ...r.byAmbito.map((x) => line(x, 'all', '(Ambito total)', x.ambito!)),
    line(r.total, 'all', '(total)', ''),
  ];
  const widths = cols.map((c, i) => Math.max(c.length, ...body.map((b) => b[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    `Action A monitoring ${r.from} – ${r.to}${r.comune ? ` (comune ${r.comune})` : ''}`,
    fmt(cols),
    ...body.map(fmt),
    '',
    `Conciliation hours: ${r.formula}.`,
    `Distinct in the range: ${r.distinct.households} households, ${r.distinct.people} people (${r.distinct.children} children, ${r.distinct.disabledAdults} disabled adults, ${r.distinct.frailElderly} frail elderly).`,
  ].join('\n');
}
