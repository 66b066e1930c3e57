/**
 * The planning use case: a domain week in, a draft Plan out. It expands the standing requests
 * into the week's trips, asks the routing provider for one matrix, and plans the days busiest
 * first, each day as a morning and an afternoon instance (see runs.ts). Before the days comes the
 * master week, as a coordinator draws up a timetable for standing orders: every passenger's
 * journey once (windows from the first date it travels), planned on the busiest date's runs.
 * It is the reference: on every date each passenger's trip is anchored to the run and pickup
 * time it has in the master (continuity) — soft terms in the objective, plus hard holds
 * (that run, ±continuityMin around that time) released step by step for trips that cannot be
 * served so, and dropped when the search has too little time per trip to work around them.
 * Once every date is planned, the continuity repair (continuity-repair.ts) brings each journey's
 * trips to the van it rides most often and its pickups into one 10-minute band, without
 * unserving anyone. With a previous published plan, that plan's runs and times are the anchors instead, held within
 * ±maxShiftMin (stable re-planning). Promised windows are always hard (they are in the windows).
 */
import type { Plan, PlanRoute } from '../contract/plan.ts';
import { fromIsoRome, toIsoRome, weekdayOf } from '../domain/calendar.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import { solve } from '../../solver/index.ts';
import type { DarpSolution, ObjectiveWeights, SolveOptions } from '../../solver/index.ts';
import { buildDayInstance, type DayInstance } from './day-instance.ts';
import { toDayResult, type DayResult } from './day-result.ts';
import { repairContinuity, type RepairReport } from './continuity-repair.ts';
import { chooseSplit, fitsMorning } from './day-split.ts';
import { PLANNING_WEIGHTS } from './objective.ts';
import { type PlacePoint, weekPlaces } from './places.ts';
import { hoursLeftS, partOfRoute, staffRuns, type DriverLedger, type RunPart } from './runs.ts';
import { summarisePlan } from './summary.ts';
import { type Anchor, type PlanTrip, tripKey } from './trip.ts';
import { expandTrips, lookupOf, type WeekTrips } from './week-trips.ts';
import type { PlanningData } from './planning-data.ts';
import { warmStart } from './warm-start.ts';

export type { PlanningData } from './planning-data.ts';

export interface PlanWeekInput {
  data: PlanningData;
  week: string;
  /** The published plan this one re-plans: its times become anchors (stable re-planning). */
  previous?: Plan;
  /** Hard limit on how far a published pickup may move, in minutes (default 15). */
  maxShiftMin?: number;
  /** Run the continuity repair after the searches (default true; see continuity-repair.ts). */
  continuityRepair?: boolean;
  /** Band around the reference day's pickup time held while feasible, in minutes (default 5: a spread ≤ 10). */
  continuityMin?: number;
  planId?: string;
  version?: number;
  weights?: ObjectiveWeights;
  /**
   * Requests the coordinator locked (per date and direction) on a vehicle's run: a hard
   * constraint in the solve (`RequestSpec.lockedVehicleIdx`), never released. With `previous`
   * holding the locked stops, their pickups are also held near their times, which keeps their order.
   */
  locks?: RequestLock[];
}

export interface RequestLock {
  date: string;
  requestId: string;
  direction: 'outbound' | 'return';
  vehicleId: string;
  part: RunPart;
}

export interface PlanProgress {
  date: string;
  daysDone: number;
  days: number;
  elapsedMs: number;
  bestCost: number;
  /** 0..1: share of the (date, morning/afternoon) parts done. */
  fraction: number;
}

export interface PlanWeekDeps {
  routing: RoutingProvider;
  seed: number;
  /** Budget for the whole week; shared among the days by their number of trips. */
  timeLimitMs: number;
  /**
   * Stop each (day, part) search after this many iterations too. Set, the search runs on one
   * thread unless `threads` says otherwise, so that the same seed gives the same plan.
   */
  maxIterationsPerDay?: number;
  /** Solver threads per search (default: the solver's choice, or 1 with maxIterationsPerDay). */
  threads?: number;
  now: () => number;
  onProgress?: (p: PlanProgress) => void;
  signal?: AbortSignal;
}

/** Everything planWeek learned on the way, for the CLI, the checker and the slot service. */
export interface PlanWeekResult {
  plan: Plan;
  trips: PlanTrip[];
  days: Array<{ instance: DayInstance; solution: DarpSolution }>;
  /** What the continuity repair after the search changed (absent when re-planning a published plan). */
  repair?: RepairReport & { elapsedMs: number };
}

/** Share of the remaining time a part's search may use; the rest covers the solver's and our own work after it. */
const SEARCH_SHARE = 0.85;
/** Search time per trip below which anchored trips are not held hard (see planWeekDetailed). */
const HOLD_MIN_MS_PER_TRIP = 10;
/** The master week's search effort per trip (time share, or iterations) relative to a date's: every date follows it. */
const MASTER_WEIGHT = 3;
/**
 * Driving cost (euro cents) the continuity repair may add per trip it brings to its journey's van:
 * 30 € (about 50 minutes of a van). Measured with the repair's first version on the scale week, one
 * unrepaired plan at 54.5 % same van: a bound of 1,500 gave 72.7 % for +594 km, 3,000 gave 75.4 % for +1,287 km, 10,000 (the
 * objective's vehicle-change price) 76.2 % for +2,232 km — the last points cost the most driving.
 */
const REPAIR_MAX_COST_PER_TRIP = 3_000;
const identity = (passengerId: string, requestId: string, direction: string) =>
  `${passengerId}|${requestId}|${direction}`;

/** Anchors from a plan's routes on one date, keyed by trip key. */
function anchorsFrom(
  routes: PlanRoute[],
  toleranceS: number,
  keyOf: (requestId: string, direction: 'outbound' | 'return', passengerId: string) => string,
): Map<string, Anchor> {
  const out = new Map<string, Anchor>();
  for (const route of routes)
    for (const stop of route.stops)
      if (stop.kind === 'pickup')
        for (const p of stop.boards)
          out.set(keyOf(p.requestId, p.direction, p.passengerId), {
            vehicleId: route.vehicleId,
            part: partOfRoute(route),
            pickupS: fromIsoRome(stop.start).secondsOfDay,
            toleranceS,
          });
  return out;
}

function romeNow(ms: number): string {
  const { date, secondsOfDay } = fromIsoRome(new Date(ms).toISOString());
  return toIsoRome(date, secondsOfDay);
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('planning was cancelled');
}

export async function planWeekDetailed(input: PlanWeekInput, deps: PlanWeekDeps): Promise<PlanWeekResult> {
  const started = deps.now();
  const weights = input.weights ?? PLANNING_WEIGHTS;
  const continuityS = (input.continuityMin ?? 5) * 60;
  const maxShiftS = (input.maxShiftMin ?? 15) * 60;
  const lookup = lookupOf(input.data);
  const { places, matrix } = await weekPlaces(input.data, lookup, deps.routing);
  throwIfAborted(deps.signal);
  const between = (a: PlacePoint, b: PlacePoint) => matrix.durationsS[places.indexOf(a)][places.indexOf(b)];
  const directS = (t: PlanTrip) => between(t.from, t.to);
  const week: WeekTrips = expandTrips(input.data, input.week, between);

  const byDate = new Map<string, PlanTrip[]>();
  for (const t of week.trips) byDate.set(t.date, [...(byDate.get(t.date) ?? []), t]);
  const order = [...byDate.keys()].sort((a, b) => byDate.get(b)!.length - byDate.get(a)!.length || a.localeCompare(b));
  // The master week (see the header): every passenger's journey once, on the busiest date's
  // runs, windows from the first date it is planned. Not part of the plan; it only sets the
  // anchors and warm starts of every date, the busiest one included.
  const MASTER = 'master';
  if (!input.previous && order.length > 1) {
    const first = new Map<string, PlanTrip>();
    for (const d of order)
      for (const t of byDate.get(d)!)
        if (!first.has(identity(t.passenger.id, t.requestId, t.direction)))
          first.set(identity(t.passenger.id, t.requestId, t.direction), t);
    byDate.set(
      MASTER,
      [...first.values()].map((t) => ({ ...t, date: order[0], key: tripKey(order[0], t.requestId, t.direction) })),
    );
    order.unshift(MASTER);
  }
  const weight = (d: string) => byDate.get(d)!.length * (d === MASTER ? MASTER_WEIGHT : 1);
  // The time limit is for the whole week, wall clock: each part gets its share of what is left,
  // less SEARCH_SHARE's complement kept for what the solver does after its search (reasons for
  // unserved trips) and for the conversion.
  let weightLeft = order.reduce((s, d) => s + weight(d), 0);

  const locked = new Map(
    (input.locks ?? []).map((l) => [
      tripKey(l.date, l.requestId, l.direction),
      { vehicleId: l.vehicleId, part: l.part },
    ]),
  );
  const ledger: DriverLedger = { weekHours: new Map() };
  const preferredDrivers = new Map<string, string>();
  const reference = new Map<string, Anchor>(); // identity → where the passenger was first planned
  let referenceRoutes: PlanRoute[] = [];
  const results: DayResult[] = [];
  const solved: PlanWeekResult['days'] = [];
  let bestCost = 0;

  const driversById = new Map(input.data.drivers.map((d) => [d.id, d]));
  let step = 0;
  const steps = order.length * 2;
  const offset = order[0] === MASTER ? 1 : 0;
  const dayCount = order.length - offset;
  for (const [i, entry] of order.entries()) {
    const trips = byDate.get(entry)!;
    const isMaster = entry === MASTER;
    const date = isMaster ? order[1] : entry;
    const split = chooseSplit(trips, directS);
    const runs = staffRuns(
      weekdayOf(date),
      split,
      input.data.vehicles,
      input.data.drivers,
      isMaster ? { weekHours: new Map() } : ledger,
      preferredDrivers,
    );
    const published = input.previous?.days.find((d) => d.date === date)?.routes;
    const anchors = published
      ? anchorsFrom(published, maxShiftS, (r, dir) => tripKey(date, r, dir))
      : new Map(
          trips.flatMap((t) => {
            const a = reference.get(identity(t.passenger.id, t.requestId, t.direction));
            return a ? [[t.key, { ...a, toleranceS: continuityS }] as [string, Anchor]] : [];
          }),
        );
    const dayHoursS = new Map<string, number>();
    const parts: DayResult[] = [];
    for (const part of ['am', 'pm'] as const) {
      throwIfAborted(deps.signal);
      const partTrips = trips.filter((t) => (fitsMorning(t, split, directS) ? 'am' : 'pm') === part);
      // An afternoon run gets what its driver has left of the day after the morning.
      const partRuns = runs
        .filter((r) => r.part === part)
        .map((r) => ({
          ...r,
          maxDurationS: Math.min(
            r.maxDurationS,
            hoursLeftS(driversById.get(r.driverId)!, ledger, dayHoursS.get(r.driverId) ?? 0),
          ),
        }))
        .filter((r) => r.maxDurationS > 0);
      step++;
      if (partTrips.length === 0) continue;
      const partWeight = (weight(date) * partTrips.length) / trips.length;
      const leftMs = started + deps.timeLimitMs - deps.now();
      const budgetMs = (SEARCH_SHARE * leftMs * partWeight) / weightLeft;
      weightLeft -= partWeight;
      const canHold =
        published !== undefined ||
        deps.maxIterationsPerDay !== undefined ||
        budgetMs / partTrips.length >= HOLD_MIN_MS_PER_TRIP;
      // Without holds, continuity rests on the soft terms: the search then starts from the master
      // week's routes (or the published plan's), so it begins where the passengers were. With
      // holds the anchors already say that, and a cold start served more trips.
      const warm = !canHold || published !== undefined;
      const solvePart = (band: Set<string>, lock: Set<string>, initialFrom: PlanRoute[], ms: number) => {
        const day = buildDayInstance({
          date,
          trips: partTrips,
          runs: partRuns,
          places,
          matrix,
          weights,
          anchors,
          band,
          lock,
          ...(isMaster ? {} : { locked }),
        });
        const options: SolveOptions = {
          seed: deps.seed + i,
          timeLimitMs: Math.max(50, ms),
          ...(deps.maxIterationsPerDay !== undefined
            ? { maxIterations: deps.maxIterationsPerDay * (isMaster ? MASTER_WEIGHT : 1), threads: deps.threads ?? 1 }
            : {}),
          ...(deps.threads !== undefined ? { threads: deps.threads } : {}),
          now: deps.now,
          signal: deps.signal,
          onProgress: (p) =>
            deps.onProgress?.({
              date,
              daysDone: Math.max(0, i - offset),
              days: dayCount,
              elapsedMs: deps.now() - started,
              bestCost: bestCost + p.bestCost,
              fraction: step / steps,
            }),
        };
        const initial = warm && initialFrom.length ? warmStart(day, initialFrom, identity) : [];
        if (initial.length) options.initial = initial;
        return { day, solution: solve(day.instance, options) };
      };
      // Anchored trips are held on their run and near their time; those that cannot be served so
      // are freed in two steps — first from the run, then from the time — and the part re-planned.
      // With too little search time per trip the holds cost served trips (the search cannot
      // repair around them): then continuity rests on the soft terms alone. The published plan's
      // limit (stable re-planning) is always held.
      const held = new Set(canHold ? partTrips.map((t) => t.key).filter((k) => anchors.has(k)) : []);
      const band = new Set(held);
      const lock = new Set(held);
      let { day, solution } = solvePart(
        band,
        lock,
        published ?? referenceRoutes,
        held.size ? budgetMs * 0.6 : budgetMs,
      );
      for (const [release, share] of [
        [lock, 0.25],
        [band, 0.15],
      ] as const) {
        const blocked = solution.unserved
          .map((u) => day.trips[u.requestIdx].key)
          .filter((k) => release.has(k) && !locked.has(k));
        if (blocked.length === 0) break;
        for (const k of blocked) {
          release.delete(k);
          if (release === band) lock.delete(k);
        }
        ({ day, solution } = solvePart(band, lock, toDayResult(day, solution).routes, budgetMs * share));
      }
      const result = toDayResult(day, solution);
      parts.push(result);
      if (!isMaster) {
        solved.push({ instance: day, solution });
        bestCost += solution.cost;
      }
      for (const [driverId, sec] of result.driverSeconds) dayHoursS.set(driverId, (dayHoursS.get(driverId) ?? 0) + sec);
    }
    const result = combineParts(date, parts);
    if (!isMaster) {
      results.push(result);
      for (const [driverId, sec] of dayHoursS)
        ledger.weekHours.set(driverId, (ledger.weekHours.get(driverId) ?? 0) + sec / 3600);
    }
    for (const route of result.routes) {
      const key = `${route.vehicleId}|${partOfRoute(route)}`;
      if (route.driverId && !preferredDrivers.has(key)) preferredDrivers.set(key, route.driverId);
    }
    for (const [id, a] of anchorsFrom(result.routes, continuityS, (r, dir, p) => identity(p, r, dir)))
      if (!reference.has(id)) reference.set(id, a);
    referenceRoutes = i === 0 ? result.routes : mergeReference(referenceRoutes, result.routes);
    deps.onProgress?.({
      date,
      daysDone: i + 1 - offset,
      days: dayCount,
      elapsedMs: deps.now() - started,
      bestCost,
      fraction: step / steps,
    });
  }

  // Continuity across the week (see continuity-repair.ts): each journey's trips brought to the
  // van it rides most often, within the week's time limit. Not when re-planning a published plan:
  // there the published runs are the reference, and moving towards another van would move people.
  let final = results;
  let repaired = solved;
  let repair: PlanWeekResult['repair'];
  if (!input.previous && input.continuityRepair !== false && solved.length > 0) {
    const repairStarted = deps.now();
    let report: RepairReport;
    ({ parts: repaired, report } = repairContinuity(solved, {
      drivers: input.data.drivers,
      journeyOf: (t) => identity(t.passenger.id, t.requestId, t.direction),
      maxCostIncrease: REPAIR_MAX_COST_PER_TRIP,
      outOfTime: () => deps.now() > started + deps.timeLimitMs,
    }));
    repair = { ...report, elapsedMs: Math.round(deps.now() - repairStarted) };
    final = results.map((r) =>
      combineParts(
        r.date,
        repaired.filter((p) => p.instance.date === r.date).map((p) => toDayResult(p.instance, p.solution)),
      ),
    );
  }

  const householdOf = new Map(input.data.passengers.map((p) => [p.id, p.householdId]));
  const days = final.map((r) => ({ date: r.date, routes: r.routes })).sort((a, b) => a.date.localeCompare(b.date));
  const unserved = [
    ...week.infeasible.map((x) => ({
      requestId: x.requestId,
      passengerId: x.passengerId,
      date: x.date,
      direction: x.direction,
      reason: x.reason,
      message: `${x.message} ${x.fix}`,
    })),
    ...final.flatMap((r) =>
      r.unserved.map((u) => ({
        requestId: u.trip.requestId,
        passengerId: u.trip.passenger.id,
        date: u.trip.date,
        direction: u.trip.direction,
        reason: u.reason,
        message: u.message,
      })),
    ),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.requestId.localeCompare(b.requestId));
  const base = { days, unserved };
  const plan: Plan = {
    id: input.planId ?? `plan-${input.week}-v${input.version ?? 1}`,
    week: input.week,
    version: input.version ?? 1,
    status: 'draft',
    provider: deps.routing.name,
    createdAt: romeNow(deps.now()),
    ...base,
    summary: summarisePlan(base, (p) => householdOf.get(p)),
  };
  return { plan, trips: week.trips, days: repaired, ...(repair ? { repair } : {}) };
}

/** A date's result from its morning and afternoon results. */
function combineParts(date: string, parts: DayResult[]): DayResult {
  const driverSeconds = new Map<string, number>();
  for (const p of parts)
    for (const [driverId, sec] of p.driverSeconds)
      driverSeconds.set(driverId, (driverSeconds.get(driverId) ?? 0) + sec);
  const routes = parts.flatMap((r) => r.routes);
  routes.sort((a, b) => a.departure.localeCompare(b.departure) || a.vehicleId.localeCompare(b.vehicleId));
  return { date, routes, unserved: parts.flatMap((r) => r.unserved), driverSeconds };
}

/** Later days may add passengers the reference day did not have: their routes join the warm start. */
function mergeReference(reference: PlanRoute[], more: PlanRoute[]): PlanRoute[] {
  return [...reference, ...more.filter((r) => !reference.some((x) => x.id.slice(11) === r.id.slice(11)))];
}

/** Plans a week; see planWeekDetailed for what else is returned. */
export async function planWeek(input: PlanWeekInput, deps: PlanWeekDeps): Promise<Plan> {
  return (await planWeekDetailed(input, deps)).plan;
}
