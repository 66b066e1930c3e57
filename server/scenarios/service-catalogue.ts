/**
 * The services of the demo world: where they are (real comuni, synthetic addresses) and their
 * hours. Numbers follow what such a territory typically has: a day centre for disabled adults
 * per area (CDD/CSE), one elderly day centre (CDI), a primary school in most comuni, a few
 * lower-secondary schools and nurseries, a summer camp and a therapy centre. Names say "(demo)".
 */
import type { ServiceKind, Weekday } from '../contract/domain.ts';

export const WEEKDAYS_MON_FRI: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

type Hours = { open: { from: string; to: string }; activity: { from: string; to: string } };

export interface ServiceTemplate {
  id: string;
  name: string;
  kind: ServiceKind;
  comune: string;
  hours: Partial<Record<Weekday, Hours>>;
  /** Closure dates are chosen per week by the generator; this says how (none, or the Friday). */
  closedOnFridayOfWeek?: boolean;
}

const same = (days: Weekday[], open: [string, string], activity: [string, string]): Partial<Record<Weekday, Hours>> =>
  Object.fromEntries(
    days.map((d) => [d, { open: { from: open[0], to: open[1] }, activity: { from: activity[0], to: activity[1] } }]),
  );

/** Tempo pieno with pre- and post-scuola; comuni stagger the start (08:00, 08:15, 08:30) as they do in practice. */
const PRIMARY_STARTS: Array<[open: [string, string], activity: [string, string]]> = [
  [
    ['07:30', '17:00'],
    ['08:00', '16:00'],
  ],
  [
    ['07:30', '17:15'],
    ['08:15', '16:15'],
  ],
  [
    ['07:30', '17:30'],
    ['08:30', '16:30'],
  ],
];
/** Lower-secondary schools start a little apart too (07:50, 08:00, 08:10). */
const SECONDARY_STARTS: Array<[open: [string, string], activity: [string, string]]> = [
  [
    ['07:20', '14:20'],
    ['07:50', '13:50'],
  ],
  [
    ['07:30', '14:30'],
    ['08:00', '14:00'],
  ],
  [
    ['07:40', '14:40'],
    ['08:10', '14:10'],
  ],
];
/** Nurseries take children in over a long entry window (from 07:30) and collect them from 16:00; the activity starts when the entry closes (08:30, 09:00, 09:30). */
const NURSERY_STARTS: Array<[open: [string, string], activity: [string, string]]> = [
  [
    ['07:30', '17:30'],
    ['08:30', '16:00'],
  ],
  [
    ['07:30', '17:30'],
    ['09:00', '16:00'],
  ],
  [
    ['07:30', '17:30'],
    ['09:30', '16:15'],
  ],
  [
    ['07:30', '17:30'],
    ['09:00', '16:30'],
  ],
];
/** Day centres open their doors once the school run is over: entry 08:30–09:30, activity from 09:15 or 09:30. */
const DAY_CENTRE_A = same(WEEKDAYS_MON_FRI, ['08:30', '16:45'], ['09:15', '16:00']);
const DAY_CENTRE_B = same(WEEKDAYS_MON_FRI, ['08:30', '17:00'], ['09:30', '16:15']);
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z]+/g, '-');

export const SERVICE_CATALOGUE: ServiceTemplate[] = [
  {
    id: 'svc-cdd-castellanza',
    name: 'CDD (demo) Castellanza',
    kind: 'day_centre_disabled',
    comune: 'Castellanza',
    hours: DAY_CENTRE_A,
  },
  {
    id: 'svc-cse-somma-lombardo',
    name: 'CSE (demo) Somma Lombardo',
    kind: 'day_centre_disabled',
    comune: 'Somma Lombardo',
    hours: DAY_CENTRE_B,
    closedOnFridayOfWeek: true,
  },
  {
    id: 'svc-cdd-cardano-al-campo',
    name: 'CDD (demo) Cardano al Campo',
    kind: 'day_centre_disabled',
    comune: 'Cardano al Campo',
    hours: DAY_CENTRE_B,
  },
  {
    id: 'svc-cdi-cardano-al-campo',
    name: 'CDI (demo) Cardano al Campo',
    kind: 'elderly_day_centre',
    comune: 'Cardano al Campo',
    hours: same(WEEKDAYS_MON_FRI, ['08:30', '17:30'], ['09:30', '17:00']),
  },
  ...[
    'Castellanza',
    'Fagnano Olona',
    'Olgiate Olona',
    'Gorla Minore',
    'Marnate',
    'Cardano al Campo',
    'Somma Lombardo',
    'Lonate Pozzolo',
    'Ferno',
    'Besnate',
  ].map(
    (comune, i): ServiceTemplate => ({
      id: `svc-primaria-${slug(comune)}`,
      name: `Scuola primaria (demo) ${comune}`,
      kind: 'school',
      comune,
      hours: same(WEEKDAYS_MON_FRI, ...PRIMARY_STARTS[i % 3]),
    }),
  ),
  ...['Castellanza', 'Olgiate Olona', 'Cardano al Campo', 'Somma Lombardo'].map(
    (comune, i): ServiceTemplate => ({
      id: `svc-secondaria-${slug(comune)}`,
      name: `Scuola secondaria (demo) ${comune}`,
      kind: 'school',
      comune,
      hours: same(WEEKDAYS_MON_FRI, ...SECONDARY_STARTS[i % 3]),
    }),
  ),
  ...['Castellanza', 'Fagnano Olona', 'Cardano al Campo', 'Somma Lombardo'].map(
    (comune, i): ServiceTemplate => ({
      id: `svc-nido-${slug(comune)}`,
      name: `Asilo nido (demo) ${comune}`,
      kind: 'nursery',
      comune,
      hours: same(WEEKDAYS_MON_FRI, ...NURSERY_STARTS[i]),
    }),
  ),
  {
    id: 'svc-centro-estivo-marnate',
    name: 'Centro estivo (demo) Marnate',
    kind: 'summer_camp',
    comune: 'Marnate',
    hours: same(WEEKDAYS_MON_FRI, ['08:00', '17:30'], ['09:00', '16:30']),
  },
  {
    id: 'svc-riabilitazione-castellanza',
    name: 'Centro di riabilitazione (demo) Castellanza',
    kind: 'therapy',
    comune: 'Castellanza',
    hours: {
      ...same(['mon', 'wed', 'fri'], ['08:00', '18:30'], ['14:30', '16:00']),
      ...same(['tue', 'thu'], ['08:00', '18:30'], ['10:00', '11:30']),
    },
  },
];
