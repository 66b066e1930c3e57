/**
 * The demo's family stories (issue 11), laid over the generated demo week when `npm start`
 * seeds it, so every rule of the windows and the calendars is visible in the app. The golden
 * demo file stays as the generator writes it. Deterministic: the households are picked in id
 * order among those with a child at school.
 *
 *  - split shift: the first adult comes home for lunch (leaves → 12:00, 13:30 → back);
 *  - night shift: one adult works 21:00–06:00 Sunday to Thursday nights;
 *  - two-week rota: from the Monday of the demo week, week 1 as before, week 2 13:00–21:00;
 *  - grandparents' Wednesday: on Wednesdays the child goes to and comes back from the
 *    grandparents' house in a neighbouring comune, where the grandmother receives them;
 *  - school → therapy: after school the child goes on to a speech-therapy centre (added service);
 *  - centro estivo: two children get the summer camp for its weeks after the school year ends.
 */
import { schoolCalendar } from '../calendar/calendars.ts';
import {
  type AdultSchedule,
  type Household,
  type Scenario,
  type Service,
  type StandingRequest,
  type WeekPattern,
  WORKDAYS,
} from '../contract/domain.ts';
import { addDays, isoWeekDates } from '../domain/calendar.ts';
import { loadMunicipalities } from '../geo/index.ts';

function patternOf(h: Household): WeekPattern {
  const p: WeekPattern = {};
  for (const [wd, w] of Object.entries(h.workHours))
    if (w) p[wd as keyof WeekPattern] = [{ from: w.leaves, to: w.back, overnight: false }];
  return p;
}

function adultName(h: Household, i: number): string {
  return h.adults[i]?.name ?? h.adults[0]!.name;
}

export function withFamilyStories(input: Scenario): Scenario {
  const s: Scenario = structuredClone(input);
  const serviceById = new Map(s.services.map((x) => [x.id, x]));
  const passengerById = new Map(s.passengers.map((p) => [p.id, p]));
  const householdById = new Map(s.households.map((h) => [h.id, h]));
  const schoolRequests = s.requests
    .filter(
      (r) => serviceById.get(r.serviceId)?.kind === 'school' && passengerById.get(r.passengerId)?.ageGroup === 'child',
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  const picked: Array<{ request: StandingRequest; household: Household }> = [];
  const used = new Set<string>();
  for (const r of schoolRequests) {
    const h = householdById.get(passengerById.get(r.passengerId)!.householdId)!;
    if (used.has(h.id) || Object.keys(h.workHours).length === 0) continue;
    used.add(h.id);
    picked.push({ request: r, household: h });
    if (picked.length === 7) break;
  }
  if (picked.length < 7) return s;
  const [split, night, rota, grand, chain, camp1, camp2] = picked;
  const monday = isoWeekDates(s.week)[0]!;

  // split shift
  const splitPattern: WeekPattern = {};
  for (const [wd, w] of Object.entries(split.household.workHours)) {
    if (!w) continue;
    splitPattern[wd as keyof WeekPattern] =
      w.leaves < '12:00' && w.back > '13:30'
        ? [
            { from: w.leaves, to: '12:00', overnight: false },
            { from: '13:30', to: w.back, overnight: false },
          ]
        : [{ from: w.leaves, to: w.back, overnight: false }];
  }
  split.household.schedules = [
    { adult: adultName(split.household, 0), receives: true, weekly: splitPattern, exceptions: [] },
  ];
  split.household.name = `${split.household.name} · turni spezzati`;

  // night shift (the other adult keeps the household's day hours)
  const nights: WeekPattern = {};
  for (const wd of ['sun', 'mon', 'tue', 'wed', 'thu'] as const)
    nights[wd] = [{ from: '21:00', to: '06:00', overnight: true }];
  night.household.schedules = [
    { adult: adultName(night.household, 0), receives: true, weekly: nights, exceptions: [] },
    { adult: adultName(night.household, 1), receives: true, weekly: patternOf(night.household), exceptions: [] },
  ];
  night.household.name = `${night.household.name} · turno di notte`;

  // two-week rota
  const late: WeekPattern = {};
  for (const wd of WORKDAYS) late[wd] = [{ from: '13:00', to: '21:00', overnight: false }];
  const rotaSchedule: AdultSchedule = {
    adult: adultName(rota.household, 0),
    receives: true,
    rota: { startDate: monday, weeks: [patternOf(rota.household), late] },
    exceptions: [],
  };
  rota.household.schedules = [rotaSchedule];
  rota.household.name = `${rota.household.name} · turni a rotazione (2 settimane)`;

  // grandparents' Wednesday: the town centre of the first other comune of the same ambito
  const comuni = loadMunicipalities();
  const home = comuni.find((m) => m.istatCode === grand.household.home.istatCode);
  const other = comuni.find((m) => m.istatCode !== home?.istatCode && m.ambito === home?.ambito) ?? comuni[0]!;
  if (grand.request.weekdays.includes('wed')) {
    grand.request.otherAddresses = [
      {
        weekdays: ['wed'],
        place: {
          lat: other.centre.lat,
          lon: other.centre.lon,
          label: `Casa dei nonni (synthetic), ${other.name}`,
          istatCode: other.istatCode,
        },
        receivers: [{ adult: 'Nonna (demo)', receives: true, weekly: {}, exceptions: [] }],
      },
    ];
    grand.household.name = `${grand.household.name} · mercoledì dai nonni`;
  }

  // school → speech therapy after school
  const school = serviceById.get(chain.request.serviceId)!;
  const therapy: Service = {
    id: 'svc-logopedia-demo',
    name: 'Logopedia (demo) pomeridiana',
    kind: 'therapy',
    place: {
      ...school.place,
      lat: school.place.lat + 0.004,
      label: `Via Demo Terapie 3 (synthetic), ${school.place.label.split(', ').at(-1)}`,
    },
    hours: Object.fromEntries(
      WORKDAYS.map((d) => [d, { open: { from: '14:00', to: '19:30' }, activity: { from: '17:00', to: '18:00' } }]),
    ),
    closures: [],
    synthetic: true,
  };
  s.services.push(therapy);
  chain.request.chain = [{ serviceId: therapy.id }];
  chain.household.name = `${chain.household.name} · scuola → logopedia`;

  // centro estivo after the school year
  const camp = s.services.find((x) => x.kind === 'summer_camp');
  const year = schoolCalendar().years.find((y) => monday <= y.lastDay);
  if (camp && year) {
    let from = addDays(year.lastDay, 1);
    while (new Date(`${from}T00:00:00Z`).getUTCDay() !== 1) from = addDays(from, 1);
    for (const { request, household } of [camp1, camp2]) {
      s.requests.push({
        id: `${request.id}-estate`,
        passengerId: request.passengerId,
        serviceId: camp.id,
        weekdays: [...WORKDAYS],
        validFrom: from,
        validTo: `${from.slice(0, 4)}-07-31`,
        outbound: true,
        return: true,
        exceptions: [],
      });
      household.name = `${household.name} · centro estivo a giugno`;
    }
  }
  return s;
}
