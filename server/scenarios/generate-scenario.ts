/**
 * The seeded generator of a demo week from the real territory: passengers spread over the 16
 * comuni in proportion to their ISTAT population, homes inside the real boundaries, services in
 * plausible places, households' work hours drawn from realistic shifts (06:00–20:00) and
 * redrawn until the family's trips fit them — as families pick services that fit their day —
 * except for a few deliberately impossible households, as in real life. Vehicles (40% with a
 * lift) and drivers scale with the number of passengers (10 and 12 for 120).
 * With `area: 'province'` the same people are spread over the 135 comuni of the province of
 * Varese instead (issue 15 item 3's scale scenario): services in every comune and zone
 * (province-services.ts), one depot, fleet and driver team per planning zone (province-zones.ts).
 * Everything is synthetic and marked so; the same options give the same scenario.
 */
import type {
  Household,
  Passenger,
  Scenario,
  Service,
  StandingRequest,
  Vehicle,
  Driver,
  Weekday,
  Place,
} from '../contract/domain.ts';
import { addDays, isoWeekDates } from '../domain/calendar.ts';
import { domainContext } from '../domain/domain-context.ts';
import { requestWindows } from '../domain/request-windows.ts';
import { loadMunicipalities } from '../geo/municipalities.ts';
import { loadProvinceMunicipalities } from '../geo/province-municipalities.ts';
import { greatCircleM } from '../contract/great-circle.ts';
import { toHhMm, toSeconds } from '../windows/time-of-day.ts';
import type { TripResult } from '../windows/work-hours-to-windows.ts';
import { createRng, type Rng } from './prng.ts';
import { SERVICE_CATALOGUE, WEEKDAYS_MON_FRI } from './service-catalogue.ts';
import { provinceServiceTemplates } from './province-services.ts';
import { provinceZones, type Zone, zoneCount } from './province-zones.ts';
import { type SamplingArea, syntheticPlace } from './sample-place.ts';
import { syntheticPersonName } from './synthetic-names.ts';

export interface GenerateOptions {
  passengers?: number;
  seed?: number;
  week?: string;
  /** The 16 comuni of the two ambiti (default) or the 135 comuni of the province of Varese. */
  area?: ScenarioArea;
}

export const SCENARIO_AREAS = ['ambiti', 'province'] as const;
export type ScenarioArea = (typeof SCENARIO_AREAS)[number];

export const DEFAULT_GENERATE = { passengers: 120, seed: 1, week: '2026-W49', area: 'ambiti' } as const;

type AgeGroup = Passenger['ageGroup'];
type Mobility = Passenger['mobility'];
type Need = 'primaria' | 'secondaria' | 'nursery' | 'therapy' | 'day_centre' | 'cdi';

/** Work shifts (start, end, weight); the adult leaves a commute before and is back a commute after. */
const SHIFTS: ReadonlyArray<readonly [[string, string], number]> = [
  [['06:00', '14:00'], 6],
  [['07:00', '15:00'], 8],
  [['07:30', '16:30'], 10],
  [['08:00', '16:00'], 10],
  [['08:30', '17:00'], 12],
  [['09:00', '18:00'], 8],
  [['08:30', '12:30'], 8],
  [['09:00', '13:00'], 6],
  [['12:00', '20:00'], 5],
  [['14:00', '20:00'], 4],
  [['10:00', '19:00'], 4],
];
/** A family's shift is kept only if it leaves every trip at least this much room (pickup and delivery). */
const MIN_ROOM_S = 15 * 60;
const AT_HOME_SHARE: Record<AgeGroup, number> = { child: 0.25, adult: 0.35, elderly: 0.7 };
const THERAPY_DAYS: Weekday[][] = [
  ['mon', 'wed'],
  ['tue', 'thu'],
  ['mon', 'thu'],
  ['wed', 'fri'],
  ['tue', 'fri'],
];
const THREE_DAYS: Weekday[][] = [
  ['mon', 'wed', 'fri'],
  ['tue', 'wed', 'thu'],
  ['mon', 'tue', 'thu'],
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Hamilton apportionment of `n` over weights: integer counts summing to n, proportional. */
function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (n * w) / total);
  const counts = quotas.map(Math.floor);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = n - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) counts[order[k][1]]++;
  return counts;
}

function schoolYear(monday: string): number {
  const [y, m] = monday.split('-').map(Number);
  return m >= 8 ? y : y - 1;
}

interface Profile {
  needs: Need[];
  mobility: Mobility;
  needsEscort: boolean;
  summerCamp: boolean;
}

function drawProfile(group: AgeGroup, rng: Rng): Profile {
  if (group === 'child') {
    const need = rng.weighted<Need>([
      ['primaria', 45],
      ['secondaria', 12],
      ['nursery', 13],
      ['therapy', 10],
    ]);
    const mobility: Mobility =
      need === 'nursery'
        ? 'child_seat'
        : need === 'primaria'
          ? rng.weighted<Mobility>([
              ['walks', 72],
              ['child_seat', 20],
              ['wheelchair', 4],
              ['walker', 4],
            ])
          : need === 'secondaria'
            ? rng.weighted<Mobility>([
                ['walks', 88],
                ['wheelchair', 8],
                ['walker', 4],
              ])
            : rng.weighted<Mobility>([
                ['walks', 55],
                ['child_seat', 20],
                ['wheelchair', 15],
                ['walker', 10],
              ]);
    return {
      needs: [need],
      mobility,
      needsEscort: rng.chance(mobility === 'wheelchair' ? 0.5 : 0.08),
      summerCamp: need === 'primaria' && rng.chance(0.15),
    };
  }
  if (group === 'adult') {
    const mobility = rng.weighted<Mobility>([
      ['walks', 70],
      ['wheelchair', 18],
      ['walker', 12],
    ]);
    return {
      needs: [rng.chance(0.85) ? 'day_centre' : 'therapy'],
      mobility,
      needsEscort: rng.chance(0.15),
      summerCamp: false,
    };
  }
  const mobility = rng.weighted<Mobility>([
    ['walks', 50],
    ['walker', 40],
    ['wheelchair', 10],
  ]);
  return { needs: ['cdi'], mobility, needsEscort: rng.chance(0.1), summerCamp: false };
}

function handlingMin(mobility: Mobility, rng: Rng): number {
  if (mobility === 'wheelchair') return rng.int(5, 6);
  if (mobility === 'walker' || mobility === 'child_seat') return 3;
  return rng.int(1, 2);
}

/** Work hours Monday–Friday from one shift, sometimes with a day off. */
function drawShift(rng: Rng): Household['workHours'] {
  const [start, end] = rng.weighted(SHIFTS);
  const commuteS = rng.int(2, 7) * 5 * 60;
  const hours = { leaves: toHhMm(toSeconds(start) - commuteS), back: toHhMm(toSeconds(end) + commuteS) };
  const dayOff = rng.chance(0.25) ? rng.pick(WEEKDAYS_MON_FRI) : null;
  return Object.fromEntries(WEEKDAYS_MON_FRI.filter((d) => d !== dayOff).map((d) => [d, { ...hours }]));
}

interface Draft {
  passenger: Passenger;
  household: Household;
  requests: StandingRequest[];
  group: AgeGroup;
  needs: Need[];
}

export function generateScenario(options: GenerateOptions = {}): Scenario {
  const n = options.passengers ?? DEFAULT_GENERATE.passengers;
  const seed = options.seed ?? DEFAULT_GENERATE.seed;
  const week = options.week ?? DEFAULT_GENERATE.week;
  const area = options.area ?? DEFAULT_GENERATE.area;
  if (!SCENARIO_AREAS.includes(area))
    throw new RangeError(`area: expected one of ${SCENARIO_AREAS.join(', ')}, got ${JSON.stringify(area)}`);
  if (!Number.isInteger(n) || n < 1 || n > 20_000)
    throw new RangeError(`passengers: expected a whole number from 1 to 20000, got ${n}`);
  const dates = isoWeekDates(week);
  const rng = createRng(seed);
  const zones = area === 'province' ? provinceZones(loadProvinceMunicipalities(), zoneCount(n)) : [];
  const munis: SamplingArea[] = area === 'province' ? zones.flatMap((z) => z.comuni) : loadMunicipalities();
  const muniByName = new Map(munis.map((m) => [m.name, m]));
  const catalogue = area === 'province' ? provinceServiceTemplates(zones) : SERVICE_CATALOGUE;
  const sy = schoolYear(dates[0]);
  const width = Math.max(3, String(n).length);

  const services: Service[] = catalogue.map((t) => ({
    id: t.id,
    name: t.name,
    kind: t.kind,
    place: syntheticPlace(muniByName.get(t.comune)!, rng, 0.25),
    hours: t.hours,
    closures: t.closedOnFridayOfWeek ? [dates[4]] : [],
    synthetic: true,
  }));
  const nearest = (candidates: Service[], home: Place): Service =>
    candidates.reduce((best, s) => (greatCircleM(home, s.place) < greatCircleM(home, best.place) ? s : best));
  const serviceOf = (need: Need, home: Place, muni: SamplingArea): Service => {
    const kindFilter: Record<Need, (s: Service) => boolean> = {
      primaria: (s) => s.id.startsWith('svc-primaria-'),
      secondaria: (s) => s.id.startsWith('svc-secondaria-'),
      nursery: (s) => s.kind === 'nursery',
      therapy: (s) => s.kind === 'therapy',
      day_centre: (s) => s.kind === 'day_centre_disabled',
      cdi: (s) => s.kind === 'elderly_day_centre',
    };
    const candidates = services.filter(kindFilter[need]);
    const local = candidates.find((s) => s.place.istatCode === muni.istatCode);
    if (local && need !== 'therapy') return local;
    return nearest(candidates, home);
  };
  const summerCampOf = (home: Place): string =>
    area === 'province'
      ? nearest(
          services.filter((s) => s.kind === 'summer_camp'),
          home,
        ).id
      : 'svc-centro-estivo-marnate';

  const counts = apportion(
    n,
    munis.map((m) => m.population),
  );
  const homesIn = rng.shuffle(munis.flatMap((m, i) => Array<SamplingArea>(counts[i]).fill(m)));
  const nChildren = Math.round(n * 0.6);
  const nElderly = Math.round(n * 0.15);
  const groups = rng.shuffle<AgeGroup>([
    ...Array<AgeGroup>(nChildren).fill('child'),
    ...Array<AgeGroup>(nElderly).fill('elderly'),
    ...Array<AgeGroup>(n - nChildren - nElderly).fill('adult'),
  ]);

  const monday = dates[0];
  const validity = (need: Need | 'summer_camp'): [string, string] => {
    switch (need) {
      case 'primaria':
      case 'secondaria':
        return [`${sy}-09-14`, `${sy + 1}-06-09`];
      case 'nursery':
        return [`${sy}-09-01`, `${sy + 1}-07-16`];
      case 'summer_camp':
        return [`${sy + 1}-06-14`, `${sy + 1}-07-23`];
      case 'therapy': {
        const start = addDays(monday, 7 * rng.int(-13, 1)); // a 12-week cycle: some ended, one starts next week
        return [start, addDays(start, 12 * 7 - 3)];
      }
      default:
        // most attend all year; a few joined this very week
        return rng.chance(0.05) ? [dates[rng.int(1, 3)], `${sy + 1}-07-30`] : [`${sy}-09-01`, `${sy + 1}-07-30`];
    }
  };
  const weekdaysFor = (need: Need): Weekday[] => {
    if (need === 'therapy') return [...rng.pick(THERAPY_DAYS)];
    if (need === 'cdi') return rng.chance(0.5) ? [...WEEKDAYS_MON_FRI] : [...rng.pick(THREE_DAYS)];
    if (need === 'day_centre') return rng.chance(0.75) ? [...WEEKDAYS_MON_FRI] : [...rng.pick(THREE_DAYS)];
    return [...WEEKDAYS_MON_FRI];
  };

  /** The windows of every trip of the draft under these work hours. */
  const tripsUnder = (d: Draft, workHours: Household['workHours']): TripResult[] => {
    const household = { ...d.household, workHours };
    const context = domainContext({ services, households: [household], passengers: [d.passenger] });
    return d.requests.flatMap((r) =>
      r.weekdays.flatMap((wd) => {
        const day = requestWindows(r, wd, context);
        if ('missing' in day)
          throw new Error(`generator: request ${r.id} refers to missing ${JSON.stringify(day.missing)}`);
        return [day.windows.outbound, day.windows.return].filter((t) => t !== undefined);
      }),
    );
  };
  const roomy = (t: TripResult): boolean =>
    t.feasible && Math.min(t.pickup.toS - t.pickup.fromS, t.delivery.toS - t.delivery.fromS) >= MIN_ROOM_S;
  const fits = (d: Draft, workHours: Household['workHours']): boolean => tripsUnder(d, workHours).every(roomy);
  const breaks = (d: Draft, workHours: Household['workHours']): boolean =>
    tripsUnder(d, workHours).some((t) => !t.feasible);

  const drafts: Draft[] = homesIn.map((muni, i) => {
    const id = pad(i + 1, width);
    const group = groups[i];
    const profile = drawProfile(group, rng);
    const home = syntheticPlace(muni, rng);
    const boardingMin = handlingMin(profile.mobility, rng);
    const household: Household = {
      id: `hh-${id}`,
      name: `Famiglia demo ${id}`,
      home,
      adults: rng.chance(0.6)
        ? [
            { name: `Adulto demo ${id}-a`, phone: '' },
            { name: `Adulto demo ${id}-b`, phone: '' },
          ]
        : [{ name: `Adulto demo ${id}-a`, phone: '' }],
      workHours: {},
      synthetic: true,
    };
    const passenger: Passenger = {
      id: `p-${id}`,
      name: syntheticPersonName(rng),
      householdId: household.id,
      ageGroup: group,
      mobility: profile.mobility,
      needsEscort: profile.needsEscort,
      boardingMin,
      alightingMin: boardingMin,
      notesForDriver: '',
      synthetic: true,
    };
    const requests: StandingRequest[] = profile.needs.map((need, k) => {
      const weekdays = weekdaysFor(need);
      const [validFrom, validTo] = validity(need);
      const trips =
        group === 'elderly'
          ? 'both'
          : rng.weighted([
              ['both', 86],
              ['outbound', 7],
              ['return', 7],
            ] as const);
      const absentOn = rng.chance(0.06)
        ? dates.slice(0, 5).filter((_, j) => weekdays.includes(WEEKDAYS_MON_FRI[j]))
        : [];
      return {
        id: `r-${id}-${k + 1}`,
        passengerId: passenger.id,
        serviceId: serviceOf(need, home, muni).id,
        weekdays,
        validFrom,
        validTo,
        outbound: trips !== 'return',
        return: trips !== 'outbound',
        exceptions: absentOn.length > 0 ? [rng.pick(absentOn)] : [],
      };
    });
    if (profile.summerCamp) {
      const [validFrom, validTo] = validity('summer_camp');
      requests.push({
        id: `r-${id}-${requests.length + 1}`,
        passengerId: passenger.id,
        serviceId: summerCampOf(home),
        weekdays: [...WEEKDAYS_MON_FRI],
        validFrom,
        validTo,
        outbound: true,
        return: true,
        exceptions: [],
      });
    }
    const draft: Draft = { passenger, household, requests, group, needs: profile.needs };
    // somebody is home all day, or the adult works a shift that fits the trips (else: at home)
    if (!rng.chance(AT_HOME_SHARE[group])) {
      for (let attempt = 0; attempt < 40; attempt++) {
        const workHours = drawShift(rng);
        if (fits(draft, workHours)) {
          household.workHours = workHours;
          break;
        }
      }
    }
    return draft;
  });

  // a few households whose hours cannot fit their service: reported as unservable, as in real life
  const impossible = Math.max(1, Math.round(n / 40));
  const candidates = rng.shuffle(drafts.filter((d) => d.needs.includes('primaria') || d.needs.includes('day_centre')));
  for (const d of candidates.slice(0, impossible)) {
    for (let attempt = 0; attempt < 60; attempt++) {
      const workHours = drawShift(rng);
      if (breaks(d, workHours)) {
        d.household.workHours = workHours;
        break;
      }
    }
  }

  const { vehicles, drivers } =
    area === 'province' ? zoneFleets(n, rng, zones, drafts) : fleet(n, rng, muniByName as Map<string, SamplingArea>);
  return {
    name:
      area === 'province'
        ? `Scale week ${week}: ${n} synthetic passengers over the 135 comuni of the province of Varese in ${zones.length} planning zones (seed ${seed})`
        : `Demo week ${week}: ${n} synthetic passengers in the Ambiti di Castellanza and Somma Lombardo (seed ${seed})`,
    week,
    synthetic: true,
    services,
    households: drafts.map((d) => d.household),
    passengers: drafts.map((d) => d.passenger),
    requests: drafts.flatMap((d) => d.requests),
    vehicles,
    drivers,
  };
}

const weekdayHours = (from: string, to: string) => Object.fromEntries(WEEKDAYS_MON_FRI.map((d) => [d, { from, to }]));

/** A minibus (8 seats) or a van with a lift (6 seats, 2 wheelchairs) at a depot. */
function vehicleAt(id: string, k: string, lift: boolean, depot: Place): Vehicle {
  return {
    id,
    label: lift ? `Pulmino attrezzato demo ${k}` : `Minibus demo ${k}`,
    plate: '',
    capacity: lift ? { seats: 6, wheelchairs: 2 } : { seats: 8, wheelchairs: 0 },
    features: { lift, childSeats: lift ? 2 : 4 }, // portable booster seats
    depot,
    hours: weekdayHours('06:00', '20:00'),
    costPerKm: lift ? 0.55 : 0.42,
    costPerHour: lift ? 24 : 21,
  };
}

// most drivers work a split shift (morning and afternoon runs within 8 h); a few early or late only
const DRIVER_SHIFTS: Array<[string, string]> = [
  ['06:00', '19:00'],
  ['06:30', '19:30'],
  ['06:00', '14:00'],
  ['06:30', '19:00'],
  ['11:00', '20:00'],
  ['06:30', '19:00'],
];

/** The j-th driver of a team (shift, lift training and part time follow j), driving `vehicles`. */
function driverOf(j: number, id: string, k: string, vehicles: Vehicle[]): Driver {
  const liftTrained = j % 3 !== 2;
  const [from, to] = DRIVER_SHIFTS[Math.floor(j / 2) % DRIVER_SHIFTS.length];
  const partTime = Math.floor(j / 2) % DRIVER_SHIFTS.length === 5;
  return {
    id,
    name: `Autista demo ${k}`,
    availability: weekdayHours(from, to),
    maxHoursPerDay: partTime ? 6 : 8,
    maxHoursPerWeek: partTime ? 30 : 38,
    vehicleIds: vehicles.filter((v) => liftTrained || !v.features.lift).map((v) => v.id),
  };
}

function fleet(n: number, rng: Rng, muniByName: Map<string, SamplingArea>): { vehicles: Vehicle[]; drivers: Driver[] } {
  const depots = ['Castellanza', 'Somma Lombardo'].map((name) =>
    syntheticPlace(muniByName.get(name)!, rng, 0.3, 'Deposito demo'),
  );
  const nVehicles = Math.max(2, Math.round((10 * n) / 120));
  const nLift = Math.max(1, Math.round(nVehicles * 0.4));
  const vehicles: Vehicle[] = Array.from({ length: nVehicles }, (_, i) => {
    const k = pad(i + 1, 2);
    return vehicleAt(`veh-${k}`, k, i < nLift, depots[i % 2]);
  });
  const nDrivers = Math.max(2, Math.round((12 * n) / 120));
  const drivers: Driver[] = Array.from({ length: nDrivers }, (_, j) =>
    driverOf(
      j,
      `drv-${pad(j + 1, 2)}`,
      pad(j + 1, 2),
      vehicles.filter((_v, i) => i % 2 === j % 2),
    ),
  );
  return { vehicles, drivers };
}

/**
 * The province's fleet: as many vehicles and drivers as `fleet` gives for n passengers, shared
 * out over the zones by their passengers; each zone has one depot (in its largest comune), its
 * own vehicles (40% with a lift) and drivers who drive only them (ids say the zone: veh-z03-007).
 */
function zoneFleets(n: number, rng: Rng, zones: Zone[], drafts: Draft[]): { vehicles: Vehicle[]; drivers: Driver[] } {
  const zoneOf = new Map(zones.flatMap((z, i) => z.comuni.map((m) => [m.istatCode, i] as const)));
  const people = zones.map(() => 0);
  for (const d of drafts) people[zoneOf.get(d.household.home.istatCode!)!]++;
  const nVehicles = apportion(Math.max(zones.length, Math.round((10 * n) / 120)), people).map((c) => Math.max(1, c));
  const nDrivers = apportion(Math.max(zones.length, Math.round((12 * n) / 120)), people).map((c) => Math.max(1, c));
  const vehicles: Vehicle[] = [];
  const drivers: Driver[] = [];
  zones.forEach((z, zi) => {
    const seat = [...z.comuni].sort((a, b) => b.population - a.population || a.istatCode.localeCompare(b.istatCode))[0];
    const depot = syntheticPlace(seat, rng, 0.3, `Deposito demo ${z.id}`);
    const nLift = Math.max(1, Math.round(nVehicles[zi] * 0.4));
    const own = Array.from({ length: nVehicles[zi] }, (_, i) =>
      vehicleAt(`veh-${z.id}-${pad(i + 1, 3)}`, `${z.id}-${pad(i + 1, 3)}`, i < nLift, depot),
    );
    vehicles.push(...own);
    for (let j = 0; j < nDrivers[zi]; j++)
      drivers.push(driverOf(j, `drv-${z.id}-${pad(j + 1, 3)}`, `${z.id}-${pad(j + 1, 3)}`, own));
  });
  return { vehicles, drivers };
}
