/**
 * Action A's demo data, added to the demo week (all synthetic): the alliance's members as
 * organisations (the partners named on the project card), three providers with tariffs owning
 * the demo vans and drivers, every household enrolled (a few without the declaration, a few
 * with a coordinator's exception), three families living outside the 16 comuni who are eligible
 * only through their employer (with booking requests pending approval), voucher grants (some
 * nearly spent), the budget per funding line, and five weeks of delivered trips before the demo
 * week, generated from the week's trips with some no-shows (one passenger with a pattern).
 */
import { type Household, type Passenger, type Scenario, WORKDAYS } from '../contract/domain.ts';
import type { Grant, Organisation, Provider } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { addDays, isoWeekDates, isoWeekOf } from '../domain/calendar.ts';
import { expandWeek } from '../domain/expand-week.ts';
import { checkEntity } from '../entities/rules.ts';
import { writeEntity } from '../entities/store.ts';
import { loadMunicipalities, locate } from '../geo/index.ts';
import { createBookingRequest } from '../programme/booking-requests.ts';
import { putEnrolment } from '../programme/enrolments.ts';
import { loadProgrammeData, priceTrip, type TripShape } from '../programme/programme-data.ts';
import { putSettings } from '../programme/settings.ts';
import { writeOutcomes } from '../programme/trip-outcomes.ts';
import { putBudgetLine } from '../reports/budget.ts';
import { saveGrant } from '../vouchers/grants.ts';
import { scenarioForWeek } from './shift-week.ts';

/** Weeks of delivered history before the demo week. */
export const HISTORY_WEEKS = 5;
/** One working family with children in this many holds an Action A voucher (with the employee families). */
export const VOUCHER_ONE_IN = 3;
/** Action A's share of the project (60,741 €: 32,000 € regional, 28,741 € co-funding), chosen for the demo. */
export const DEMO_BUDGET = { regionalCents: 1_600_000, cofundingCents: 1_150_000 };

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hash = (s: string) => [...s].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7);

const ORGANISATIONS: Organisation[] = [
  ...loadMunicipalities()
    .filter((m) => m.ambito === 'Castellanza')
    .map(
      (m): Organisation => ({
        id: `org-comune-${m.istatCode}`,
        name: `Comune di ${m.name}`,
        kind: 'comune',
        comune: m.istatCode,
        ambito: 'Castellanza',
        allianceMember: true,
      }),
    ),
  {
    id: 'org-medio-olona',
    name: 'Azienda Speciale Consortile Medio Olona (capofila)',
    kind: 'ambito_office',
    comune: '012042',
    ambito: 'Castellanza',
    allianceMember: true,
  },
  {
    id: 'org-udp-somma',
    name: 'Ufficio di Piano di Somma Lombardo',
    kind: 'ambito_office',
    comune: '012123',
    ambito: 'Somma Lombardo',
    allianceMember: true,
  },
  {
    id: 'org-totem',
    name: 'Società Cooperativa Sociale Totem',
    kind: 'partner',
    ambito: 'Castellanza',
    allianceMember: true,
  },
  {
    id: 'org-consorzio',
    name: 'Consorzio Cooperative Sociali',
    kind: 'partner',
    ambito: 'Castellanza',
    allianceMember: true,
  },
];

/** Outside the 16 comuni: families eligible only because an adult works for an alliance member. */
const EMPLOYEES = [
  { town: 'Gallarate', lat: 45.6603, lon: 8.7916, employer: 'org-udp-somma' },
  { town: 'Busto Arsizio', lat: 45.6114, lon: 8.8517, employer: 'org-medio-olona' },
  { town: 'Legnano', lat: 45.5956, lon: 8.9177, employer: 'org-comune-012042' },
];

function providersFor(s: Scenario): Provider[] {
  const vans = s.vehicles.map((v) => v.id);
  const drivers = s.drivers.map((d) => d.id);
  const split = (list: string[], a: number, b: number) =>
    list.slice(Math.round(list.length * a), Math.round(list.length * b));
  return [
    {
      id: 'prov-coop-olona',
      name: 'Cooperativa sociale Valle Olona (demo)',
      tariff: {
        unit: 'trip',
        centsPerUnit: 650,
        coPaymentBands: [
          { band: 'A', centsPerTrip: 0 },
          { band: 'B', centsPerTrip: 100 },
          { band: 'C', centsPerTrip: 200 },
        ],
      },
      vehicleIds: split(vans, 0, 0.4),
      driverIds: split(drivers, 0, 0.4),
      comuni: [],
      serviceIds: [],
    },
    {
      id: 'prov-consorzio-trasporti',
      name: 'Consorzio trasporti sociali Ticino (demo)',
      tariff: { unit: 'km', centsPerUnit: 95, coPaymentBands: [{ band: 'C', centsPerTrip: 150 }] },
      vehicleIds: split(vans, 0.4, 0.7),
      driverIds: split(drivers, 0.4, 0.7),
      comuni: [],
      serviceIds: [],
    },
    {
      id: 'prov-servizio-comunale',
      name: 'Servizio trasporti del Comune di Somma Lombardo (demo)',
      tariff: { unit: 'hour', centsPerUnit: 2400, coPaymentBands: [] },
      vehicleIds: split(vans, 0.7, 1),
      driverIds: split(drivers, 0.7, 1),
      comuni: loadMunicipalities()
        .filter((m) => m.ambito === 'Somma Lombardo')
        .map((m) => m.istatCode),
      serviceIds: [],
    },
  ];
}

export interface ProgrammeDemoResult {
  organisations: number;
  providers: number;
  grants: number;
  pending: number;
  deliveredTrips: number;
  noShows: number;
}

/**
 * Seeds Action A's demo data on top of the demo week `scenario` (already loaded): history for
 * the HISTORY_WEEKS weeks before `scenario.week`. `at` stamps the records (the injected clock).
 */
export async function seedProgrammeDemo(db: Db, scenario: Scenario, at: Date): Promise<ProgrammeDemoResult> {
  const rnd = prng(20261201);
  const weekStart = isoWeekDates(scenario.week)[0]!;
  const historyStart = addDays(weekStart, -7 * HISTORY_WEEKS);
  const periodTo = addDays(historyStart, 7 * 33 - 1);
  const write = async (kind: 'organisation' | 'provider' | 'household' | 'passenger', e: { id: string }) =>
    writeEntity(db, kind, await checkEntity(db, kind, e as Record<string, unknown> & { id: string }));

  for (const o of ORGANISATIONS) await write('organisation', o);
  const providers = providersFor(scenario);
  for (const p of providers) await write('provider', p);

  // Enrolment: every household declared (dated before the history); those where nobody works
  // get the coordinator's exception when their passenger is a disabled adult or frail elderly;
  // two households have not signed the declaration yet (shown as not eligible).
  const passengersOf = new Map<string, Passenger[]>();
  for (const p of scenario.passengers) passengersOf.set(p.householdId, [...(passengersOf.get(p.householdId) ?? []), p]);
  const households = [...scenario.households].sort((a, b) => a.id.localeCompare(b.id));
  const undeclared = new Set(households.filter((_, i) => i % 53 === 17).map((h) => h.id));
  const bands = ['A', 'B', 'C'];
  for (const h of households) {
    const nobodyWorks = Object.keys(h.workHours).length === 0;
    const caredFor = (passengersOf.get(h.id) ?? []).some((p) => p.ageGroup !== 'child');
    await putEnrolment(
      db,
      {
        householdId: h.id,
        employerIds: hash(h.id) % 9 === 0 ? ['org-totem'] : [],
        notOtherwiseSupported: !undeclared.has(h.id),
        ...(undeclared.has(h.id) ? {} : { declaredOn: addDays(historyStart, -14 - (hash(h.id) % 20)) }),
        coPaymentBand: bands[hash(h.id) % 3],
        ...(nobodyWorks && caredFor
          ? { exceptionReason: 'caregiver at home full time for a disabled or frail person (demo)' }
          : {}),
      },
      'coordinatore',
      at,
    );
  }

  // Three employee families outside the 16 comuni, each with a child and a pending booking request.
  const school = scenario.services.find((s) => s.kind === 'school') ?? scenario.services[0]!;
  let pending = 0;
  for (const [i, e] of EMPLOYEES.entries()) {
    if (locate(e.lon, e.lat)) continue;
    const id = `hh-employee-${i + 1}`;
    await putEnrolment(
      db,
      {
        householdId: id,
        employerIds: [e.employer],
        notOtherwiseSupported: true,
        declaredOn: addDays(weekStart, -10),
        coPaymentBand: 'B',
      },
      'coordinatore',
      at,
    );
    const household: Household = {
      id,
      name: `Famiglia ${['Colombo', 'Ferrari', 'Galli'][i]} (demo)`,
      home: { lat: e.lat, lon: e.lon, label: `Via Roma ${10 + i}, ${e.town} (synthetic)` },
      adults: [{ name: `${['Sara', 'Paolo', 'Irene'][i]} (demo)`, phone: '' }],
      workHours: Object.fromEntries(WORKDAYS.map((d) => [d, { leaves: '07:40', back: '17:30' }])),
      synthetic: true,
    };
    await write('household', household);
    const passenger: Passenger = {
      id: `p-employee-${i + 1}`,
      name: `${['Leo', 'Alice', 'Tommaso'][i]} (demo)`,
      householdId: id,
      ageGroup: 'child',
      mobility: i === 1 ? 'child_seat' : 'walks',
      needsEscort: false,
      boardingMin: 2,
      alightingMin: 2,
      notesForDriver: '',
      synthetic: true,
    };
    await write('passenger', passenger);
    const weekdays = WORKDAYS.filter((d) => school.hours[d]);
    await createBookingRequest(
      db,
      {
        householdId: id,
        passengerId: passenger.id,
        passengerName: passenger.name,
        serviceId: school.id,
        serviceName: school.name,
        input: {
          query: {
            week: scenario.week,
            passengerId: passenger.id,
            serviceId: school.id,
            weekdays,
            outbound: true,
            return: true,
          },
          validFrom: weekStart,
          validTo: addDays(weekStart, 7 * 12 - 1),
          choice: {},
        },
        lines: [`asked: ${weekdays.join(', ')}, outbound and return (the slot is found again when approved)`],
        estimateCents: 0,
        createdBy: 'famiglia',
      },
      new Date(at.getTime() - (i + 1) * 3_600_000),
    );
    pending++;
  }

  // History trips: the demo week's trips moved back week by week (one expansion per week).
  const vehicles = [...scenario.vehicles].sort((a, b) => a.id.localeCompare(b.id));
  const lifts = vehicles.filter((v) => v.features.lift);
  const shapes: TripShape[] = [];
  for (let w = HISTORY_WEEKS; w >= 1; w--) {
    const week = isoWeekOf(addDays(weekStart, -7 * w));
    const expanded = expandWeek(scenarioForWeek(scenario, week), week);
    for (const t of expanded.trips) {
      const pool = t.requires.includes('lift') ? lifts : vehicles;
      const vehicle = pool[hash(t.passengerId) % pool.length]!;
      shapes.push({
        date: t.date,
        requestId: t.requestId,
        direction: t.direction,
        passengerId: t.passengerId,
        from: t.from,
        to: t.to,
        rideS: Math.round(t.directS * 1.3),
        vehicleId: vehicle.id,
        // A run carries several passengers: each trip's share of the van's time (synthetic).
        vehicleS: Math.round(t.directS * 0.9),
      });
    }
  }

  // Grants sized on each household's weekly cost: most cover ~30 weeks, a few are nearly spent.
  const unfunded = await loadProgrammeData(db);
  const weekly = new Map<string, number>();
  for (const s of shapes.filter((x) => x.date >= addDays(weekStart, -7))) {
    const p = priceTrip(unfunded, s);
    weekly.set(p.householdId, (weekly.get(p.householdId) ?? 0) + p.costCents - p.coPaymentCents);
  }
  // Vouchers go to a share of the working families with children (disabled adults' and the
  // elderly's transport is funded by the comuni's own services — "already supported"), to the
  // employee families and to the demo family account's household.
  let grants = 0;
  const municipalities = new Map(loadMunicipalities().map((m) => [m.istatCode, m]));
  const familyAccount = scenario.passengers.find((p) =>
    scenario.requests.some((r) => r.passengerId === p.id),
  )?.householdId;
  const vouchered = (h: Household) =>
    h.id === familyAccount ||
    ((passengersOf.get(h.id) ?? []).some((p) => p.ageGroup === 'child') &&
      Object.keys(h.workHours).length > 0 &&
      hash(h.id) % VOUCHER_ONE_IN === 0);
  for (const h of [
    ...households.filter(vouchered),
    ...EMPLOYEES.map((_, i) => ({ id: `hh-employee-${i + 1}`, home: { istatCode: '' } })),
  ]) {
    if (undeclared.has(h.id)) continue;
    const perWeek = weekly.get(h.id) ?? 2_000;
    const nearlySpent = h.id !== familyAccount && hash(h.id) % 4 === 1;
    const ambito = municipalities.get(h.home.istatCode ?? '')?.ambito ?? 'Somma Lombardo';
    const grant: Grant = {
      id: `grant-${h.id}`,
      householdId: h.id,
      amountCents: Math.ceil((nearlySpent ? perWeek * (HISTORY_WEEKS + 0.4) : perWeek * 30) / 100) * 100,
      validFrom: historyStart,
      validTo: periodTo,
      fundingLine: hash(h.id) % 5 < 3 ? 'regional' : 'cofunding',
      ambito,
    };
    await saveGrant(db, grant, false);
    grants++;
  }

  const data = await loadProgrammeData(db);
  const patterned = scenario.passengers.find((p) => p.ageGroup === 'child')?.id;
  let delivered = 0;
  let noShows = 0;
  const outcomes = [];
  for (const s of shapes) {
    const pattern =
      s.passengerId === patterned && s.direction === 'outbound' && new Date(`${s.date}T12:00:00Z`).getUTCDay() === 1;
    const status = pattern || rnd() < 0.025 ? 'no_show' : 'delivered';
    if (status === 'no_show') noShows++;
    else delivered++;
    outcomes.push({ ...priceTrip(data, s), status, source: 'synthetic' } as const);
  }
  await writeOutcomes(db, outcomes, at);

  await putBudgetLine(db, {
    fundingLine: 'regional',
    amountCents: DEMO_BUDGET.regionalCents,
    periodFrom: historyStart,
    periodTo,
    note: "demo: Action A's share of the regional contribution (32,000 € for the whole project)",
  });
  await putBudgetLine(db, {
    fundingLine: 'cofunding',
    amountCents: DEMO_BUDGET.cofundingCents,
    periodFrom: historyStart,
    periodTo,
    note: "demo: Action A's share of the alliance's co-funding (28,741 € for the whole project)",
  });
  await putSettings(db, { mode: 'approval' });
  return {
    organisations: ORGANISATIONS.length,
    providers: providers.length,
    grants,
    pending,
    deliveredTrips: delivered,
    noShows,
  };
}
