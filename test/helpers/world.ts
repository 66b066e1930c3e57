/**
 * A tiny, hand-checkable world for API tests: one day centre, two households (hh-a in
 * Castellanza, hh-b in Olgiate Olona), one passenger each, two vehicles, two drivers, and a
 * published plan for Tuesday 2026-12-01 where drv-a drives pa-1 and drv-b drives pb-1.
 * Also an in-memory published-plan store standing in for the plans part's store.
 */
import type {
  Direction,
  Driver,
  Household,
  Passenger,
  Service,
  StandingRequest,
  Vehicle,
} from '../../server/contract/domain.ts';
import type { Plan, PlanStop } from '../../server/contract/plan.ts';
import type { Db } from '../../server/db/db.ts';
import { appendVersion, ensurePlan } from '../../server/plan-store/plan-store.ts';
import { writeEntity } from '../../server/entities/store.ts';
import { checkEntity } from '../../server/entities/rules.ts';
import type { Kind } from '../../server/entities/kinds.ts';
import type { PublishedPlans } from '../../server/plan-store/published-port.ts';
import { aPassenger } from './passenger.ts';

export const CASTELLANZA = { lat: 45.611254, lon: 8.899895 };
export const OLGIATE = { lat: 45.629714, lon: 8.877629 };
export const MILANO = { lat: 45.4642, lon: 9.19 };
const weekdays = { open: { from: '08:30', to: '16:30' }, activity: { from: '09:00', to: '16:00' } };

export const service: Service = {
  id: 'svc-cdd',
  name: 'CDD Castellanza',
  kind: 'day_centre_disabled',
  synthetic: true,
  closures: [],
  place: { ...CASTELLANZA, label: 'CDD, via Roma 1, Castellanza' },
  hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
};
export const households: Household[] = [
  {
    id: 'hh-a',
    name: 'Rossi',
    synthetic: true,
    home: { ...CASTELLANZA, label: 'via Verdi 3, Castellanza' },
    adults: [{ name: 'Maria Rossi', phone: '+39 333 1111111' }],
    workHours: { tue: { leaves: '07:30', back: '17:30' } },
  },
  {
    id: 'hh-b',
    name: 'Bianchi',
    synthetic: true,
    home: { ...OLGIATE, label: 'via Manzoni 8, Olgiate Olona' },
    adults: [{ name: 'Luca Bianchi', phone: '+39 333 2222222' }],
    workHours: {},
  },
];
export const passengers: Passenger[] = [
  {
    id: 'pa-1',
    name: 'Giulia R.',
    householdId: 'hh-a',
    ageGroup: 'child',
    mobility: 'wheelchair',
    needsEscort: true,
    boardingMin: 3,
    alightingMin: 3,
    notesForDriver: 'ring twice',
    synthetic: true,
  },
  aPassenger({ id: 'pb-1', name: 'Marco B.', householdId: 'hh-b', ageGroup: 'adult' }),
];
export const requests: StandingRequest[] = passengers.map((p) => ({
  id: `rq-${p.id}`,
  passengerId: p.id,
  serviceId: 'svc-cdd',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  validFrom: '2026-09-01',
  validTo: '2027-06-30',
  outbound: true,
  return: true,
  exceptions: [],
}));
export const vehicles: Vehicle[] = ['veh-1', 'veh-2'].map((id, i) => ({
  id,
  label: `Minibus ${i + 1}`,
  plate: `AB${i}00CD`,
  capacity: { seats: 8, wheelchairs: 1 },
  features: { lift: true, childSeats: 1 },
  depot: { ...CASTELLANZA, label: 'Depot' },
  hours: { tue: { from: '07:00', to: '18:00' } },
  costPerKm: 0.5,
  costPerHour: 20,
}));
export const drivers: Driver[] = [
  {
    id: 'drv-a',
    name: 'Anna',
    availability: { tue: { from: '07:00', to: '13:00' } },
    maxHoursPerDay: 8,
    maxHoursPerWeek: 38,
    vehicleIds: ['veh-1'],
  },
  {
    id: 'drv-b',
    name: 'Bruno',
    availability: { tue: { from: '07:00', to: '13:00' } },
    maxHoursPerDay: 8,
    maxHoursPerWeek: 38,
    vehicleIds: ['veh-2'],
  },
];

export async function seedWorld(db: Db): Promise<void> {
  const all: [Kind, { id: string }[]][] = [
    ['service', [service]],
    ['household', households],
    ['passenger', passengers],
    ['request', requests],
    ['vehicle', vehicles],
    ['driver', drivers],
  ];
  for (const [kind, list] of all) for (const e of list) await writeEntity(db, kind, await checkEntity(db, kind, e));
}

export const PLAN_DATE = '2026-12-01';
const t = (hhmm: string) => `${PLAN_DATE}T${hhmm}:00+01:00`;

function stop(
  id: string,
  kind: 'pickup' | 'delivery',
  p: Passenger,
  dir: Direction,
  at: string,
  label: string,
  place: { lat: number; lon: number },
): PlanStop {
  const sp = {
    passengerId: p.id,
    requestId: `rq-${p.id}`,
    name: p.name,
    mobility: p.mobility,
    needsEscort: p.needsEscort,
    direction: dir,
  };
  return {
    id,
    kind,
    requestId: sp.requestId,
    label,
    ...place,
    arrival: t(at),
    start: t(at),
    departure: t(at),
    window: { from: t(at), to: t(at) },
    boards: kind === 'pickup' ? [sp] : [],
    alights: kind === 'delivery' ? [sp] : [],
    locked: false,
  };
}

export function worldPlan(): Plan {
  const [pa, pb] = passengers as [Passenger, Passenger];
  const route = (
    id: string,
    vehicleId: string,
    driverId: string,
    p: Passenger,
    home: { lat: number; lon: number },
    prefix: string,
  ) => ({
    id,
    vehicleId,
    driverId,
    departure: t('07:30'),
    return: t('17:00'),
    distanceM: 12000,
    durationS: 3600,
    stops: [
      stop(`${prefix}1`, 'pickup', p, 'outbound', '08:00', 'home', home),
      stop(`${prefix}2`, 'delivery', p, 'outbound', '08:40', service.name, CASTELLANZA),
      stop(`${prefix}3`, 'pickup', p, 'return', '16:05', service.name, CASTELLANZA),
      stop(`${prefix}4`, 'delivery', p, 'return', '16:40', 'home', home),
    ],
  });
  return {
    id: 'plan-w49',
    week: '2026-W49',
    version: 1,
    status: 'published',
    provider: 'estimate',
    createdAt: '2026-11-20T10:00:00+01:00',
    days: [
      {
        date: PLAN_DATE,
        routes: [
          route('r-a', 'veh-1', 'drv-a', pa, CASTELLANZA, 's-a'),
          route('r-b', 'veh-2', 'drv-b', pb, OLGIATE, 's-b'),
        ],
      },
    ],
    unserved: [],
    summary: {
      vehicles: 2,
      km: 24,
      drivingHours: 2,
      meanRideMin: 40,
      maxRideMin: 40,
      stopsWithinWindowPct: 100,
      householdsRespectedPct: 100,
      tripsServed: 4,
      tripsUnserved: 0,
      continuity: { sameVehiclePct: 100, pickupSpreadWithin10MinPct: 100 },
    },
  };
}

/**
 * Stores worldPlan() for 2026-W49 as published version 1 and, on top of it, a draft version 2
 * where drv-b drives r-a: the published plan and the newest version differ. Returns the plan id.
 */
export async function seedPublishedAndDraft(db: Db): Promise<string> {
  const planId = await ensurePlan(db, '2026-W49');
  await appendVersion(db, planId, { baseVersion: 0, status: 'published', reason: 'publish', plan: worldPlan() });
  const draft = worldPlan();
  draft.days[0]!.routes[0]!.driverId = 'drv-b';
  await appendVersion(db, planId, { baseVersion: 1, status: 'draft', reason: 'move', plan: draft });
  return planId;
}

/** An in-memory published-plan store with the same behaviour the driver and family endpoints rely on. */
export function memoryPublishedPlans(plan: Plan): PublishedPlans {
  return {
    forDate: async (date) => (plan.days.some((d) => d.date === date) ? plan : undefined),
    removePassengerFromDate: async (_tx, passengerId, date) => {
      let removed = 0;
      for (const route of plan.days.find((d) => d.date === date)?.routes ?? []) {
        const before = route.stops.length;
        route.stops = route.stops
          .map((s) => ({
            ...s,
            boards: s.boards.filter((b) => b.passengerId !== passengerId),
            alights: s.alights.filter((a) => a.passengerId !== passengerId),
          }))
          .filter((s) => s.boards.length + s.alights.length > 0);
        removed += before - route.stops.length;
      }
      if (removed > 0) plan.version += 1; // as the real store does: an absence is a new version
      return removed;
    },
  };
}
