/**
 * Continuity repair across the days of a week, run once every (date, part) has been solved.
 * The searches plan each date on its own and at scale have too little time to honour every
 * passenger's preferred van, so a child may ride van A on four days and van B on Wednesday.
 * The repair looks at the whole week: for each journey (passenger, standing request,
 * direction) the van it rides most often is its home van; every day it rides another van, the
 * trip is moved to the home van's run of that part — inserted directly, or in exchange for a
 * trip that has no claim on that van (a one-day journey, or one that is itself away from its
 * own home van), which is then re-inserted wherever it fits best. Before that, every unserved
 * trip is offered to the routes once more. A change is kept only when every route it touches
 * passes the solver's exact evaluation, no driver goes over their daily or weekly hours, and
 * the driving cost (runs used, €/h, €/km, in the objective's units) grows by at most
 * `maxCostIncrease` per passenger brought home. No trip is ever unserved by the repair.
 */
import type { Driver } from '../contract/domain.ts';
import { evaluateRoute, insertionOptions } from '../../solver/index.ts';
import type { DarpSolution, PlannedRoute, VisitRef } from '../../solver/index.ts';
import type { DayInstance } from './day-instance.ts';
import type { PlanTrip } from './trip.ts';

export interface SolvedPart {
  instance: DayInstance;
  solution: DarpSolution;
}

export interface RepairOptions {
  drivers: Driver[];
  /** The same journey on every date: passenger, standing request and direction. */
  journeyOf: (trip: PlanTrip) => string;
  /** Largest driving-cost increase (objective units) accepted for bringing one trip to its home van. */
  maxCostIncrease: number;
  /** Trips on the home van's run considered for an exchange, nearest pickup time first. */
  exchangeCandidates?: number;
  /** Vans tried as a journey's one van, the ones it rides most first (default 3). */
  vansTried?: number;
  /** Passes over the journeys still on several vans; a later pass finds room the earlier moves made (default 3). */
  passes?: number;
  /** Asked between moves; true stops the repair (the week's time limit). */
  outOfTime?: () => boolean;
}

export interface RepairReport {
  /** Trips served by the repair that the searches had left unserved. */
  newlyServed: number;
  /** Trips moved to their journey's van by a plain insertion. */
  moved: number;
  /** Trips moved there in exchange for another trip. */
  exchanged: number;
  /** Journeys on several vans that now ride one van every day. */
  journeysRepaired: number;
  /** Journeys still on several vans. */
  journeysLeftMixed: number;
  /** Pickups moved into their journey's 10-minute band (journeys whose every day made it). */
  timesAligned: number;
  /** Driving cost added by the repair, objective units (euro cents). */
  costIncrease: number;
}

/** The report of a repair that changed nothing. */
export const emptyRepairReport = (): RepairReport => ({
  newlyServed: 0,
  moved: 0,
  exchanged: 0,
  journeysRepaired: 0,
  journeysLeftMixed: 0,
  timesAligned: 0,
  costIncrease: 0,
});

const EPS = 1e-6;
const DEFAULT_EXCHANGE_CANDIDATES = 6;
/** A journey's pickups within this band count as one time (continuity.ts: a spread of at most 10 minutes), with a margin for rounding to the second. */
const BAND_S = 10 * 60 - 2;

/** One (date, part) being repaired: the routes by vehicle index, and where each request is. */
class WorkPart {
  readonly routes = new Map<number, PlannedRoute>();
  readonly vehicleOf = new Map<number, number>();
  readonly unserved: Set<number>;

  constructor(readonly part: SolvedPart) {
    this.unserved = new Set(part.solution.unserved.map((u) => u.requestIdx));
    for (const r of part.solution.routes) if (r.visits.length > 0) this.set(r.vehicleIdx, r);
  }

  get day(): DayInstance {
    return this.part.instance;
  }

  visits(vehicleIdx: number): VisitRef[] {
    return (this.routes.get(vehicleIdx)?.visits ?? []).map((v) => ({ requestIdx: v.requestIdx, kind: v.kind }));
  }

  set(vehicleIdx: number, route: PlannedRoute | null): void {
    for (const v of this.routes.get(vehicleIdx)?.visits ?? [])
      if (this.vehicleOf.get(v.requestIdx) === vehicleIdx) this.vehicleOf.delete(v.requestIdx);
    if (route === null || route.visits.length === 0) {
      this.routes.delete(vehicleIdx);
      return;
    }
    this.routes.set(vehicleIdx, route);
    for (const v of route.visits) {
      this.vehicleOf.set(v.requestIdx, vehicleIdx);
      this.unserved.delete(v.requestIdx);
    }
  }

  pickupS(requestIdx: number): number {
    const v = this.vehicleOf.get(requestIdx);
    const visit =
      v === undefined
        ? undefined
        : this.routes.get(v)!.visits.find((x) => x.requestIdx === requestIdx && x.kind === 'pickup');
    return visit ? visit.startS : this.day.trips[requestIdx].pickup.earliestS;
  }

  /** Every run of the part with its current visits (empty runs too), for insertion. */
  allRoutes(replace: Map<number, VisitRef[]>): Array<{ vehicleIdx: number; visits: VisitRef[] }> {
    return this.day.runs.map((_, v) => ({ vehicleIdx: v, visits: replace.get(v) ?? this.visits(v) }));
  }
}

const withoutRequest = (visits: VisitRef[], requestIdx: number) => visits.filter((v) => v.requestIdx !== requestIdx);
const refsOf = (route: PlannedRoute): VisitRef[] =>
  route.visits.map((v) => ({ requestIdx: v.requestIdx, kind: v.kind }));

/** Driving cost of one run in the objective's units: the run itself if used, time and distance. */
function drivingCost(day: DayInstance, vehicleIdx: number, route: PlannedRoute | null | undefined): number {
  if (!route || route.visits.length === 0) return 0;
  const w = day.instance.objective;
  const veh = day.instance.vehicles[vehicleIdx];
  return w.vehicleCost + veh.fixedCost + w.travel * (veh.costPerS * route.durationS + veh.costPerM * route.distanceM);
}

const runSeconds = (route: PlannedRoute | null | undefined) =>
  route && route.visits.length > 0 ? route.returnS - route.departureS : 0;

/** Seconds each driver works per date and per week, kept up to date as routes change. */
class DriverHours {
  private readonly dayS = new Map<string, number>();
  private readonly weekS = new Map<string, number>();
  private readonly limits: Map<string, Driver>;

  constructor(drivers: Driver[], parts: WorkPart[]) {
    this.limits = new Map(drivers.map((d) => [d.id, d]));
    for (const w of parts)
      for (const [v, route] of w.routes) this.add(w.day.date, w.day.runs[v].driverId, runSeconds(route));
  }

  private add(date: string, driverId: string, s: number): void {
    this.dayS.set(`${date}|${driverId}`, (this.dayS.get(`${date}|${driverId}`) ?? 0) + s);
    this.weekS.set(driverId, (this.weekS.get(driverId) ?? 0) + s);
  }

  /** True when adding `deltaS` per driver on `date` keeps everyone within their hours (a decrease always does). */
  allows(date: string, deltaS: Map<string, number>): boolean {
    for (const [driverId, d] of deltaS) {
      if (d <= EPS) continue;
      const driver = this.limits.get(driverId);
      if (!driver) return false;
      if ((this.dayS.get(`${date}|${driverId}`) ?? 0) + d > driver.maxHoursPerDay * 3600 + EPS) return false;
      if ((this.weekS.get(driverId) ?? 0) + d > driver.maxHoursPerWeek * 3600 + EPS) return false;
    }
    return true;
  }

  apply(date: string, deltaS: Map<string, number>): void {
    for (const [driverId, d] of deltaS) this.add(date, driverId, d);
  }
}

interface Change {
  routes: Map<number, PlannedRoute | null>;
  costDelta: number;
  hoursDelta: Map<string, number>;
}

/** Prices new visit lists for some runs of a part: null when a route breaks a rule or a driver's hours. */
function price(w: WorkPart, hours: DriverHours, next: Map<number, VisitRef[]>): Change | null {
  const routes = new Map<number, PlannedRoute | null>();
  const hoursDelta = new Map<string, number>();
  let costDelta = 0;
  for (const [v, visits] of next) {
    let route: PlannedRoute | null = null;
    if (visits.length > 0) {
      const ev = evaluateRoute(w.day.instance, v, visits);
      if (!ev.feasible) return null;
      route = ev.route;
    }
    const before = w.routes.get(v);
    costDelta += drivingCost(w.day, v, route) - drivingCost(w.day, v, before);
    const driverId = w.day.runs[v].driverId;
    hoursDelta.set(driverId, (hoursDelta.get(driverId) ?? 0) + runSeconds(route) - runSeconds(before));
    routes.set(v, route);
  }
  return hours.allows(w.day.date, hoursDelta) ? { routes, costDelta, hoursDelta } : null;
}

function commit(w: WorkPart, hours: DriverHours, change: Change): void {
  for (const [v, route] of change.routes) w.set(v, route);
  hours.apply(w.day.date, change.hoursDelta);
}

/**
 * A run's fixed visits rescheduled with some pickup windows narrowed (requestIdx → [earliest,
 * latest]): in the same order if that holds, else with `moving` re-inserted where it fits best;
 * null when neither works. Evaluated on an instance of the run's own requests, so that narrowing
 * costs no copy of the whole day.
 */
function scheduleWith(
  day: DayInstance,
  vehicleIdx: number,
  visits: VisitRef[],
  windows: Map<number, [number, number]>,
  moving: number,
): PlannedRoute | null {
  const ids = [...new Set(visits.map((x) => x.requestIdx))];
  const local = new Map(ids.map((r, i) => [r, i]));
  const inst = day.instance;
  const requests = ids.map((r) => {
    const { lockedVehicleIdx: _locked, preferredVehicleIdx: _preferred, ...spec } = inst.requests[r];
    const narrow = windows.get(r);
    return narrow ? { ...spec, pickup: { ...spec.pickup, earliestS: narrow[0], latestS: narrow[1] } } : spec;
  });
  const mini = { ...inst, requests, vehicles: [inst.vehicles[vehicleIdx]] };
  const refs = visits.map((x) => ({ requestIdx: local.get(x.requestIdx)!, kind: x.kind }));
  const back = (route: PlannedRoute): PlannedRoute => ({
    ...route,
    vehicleIdx,
    visits: route.visits.map((x) => ({ ...x, requestIdx: ids[x.requestIdx] })),
  });
  const ev = evaluateRoute(mini, 0, refs);
  if (ev.feasible) return back(ev.route);
  const option = insertionOptions(
    mini,
    [{ vehicleIdx: 0, visits: refs.filter((x) => x.requestIdx !== local.get(moving)) }],
    local.get(moving)!,
    { maxOptions: 1 },
  ).options[0];
  if (!option) return null;
  const check = evaluateRoute(mini, 0, refsOf(option.route));
  return check.feasible ? back(check.route) : null;
}

/** Starts of 10-minute bands over a journey's pickup times, the one holding most of them first (then nearest the median). */
function bandsOf(times: number[]): number[] {
  const median = times[times.length >> 1];
  const held = (t: number) => times.filter((u) => u >= t && u <= t + BAND_S).length;
  return [...new Set(times)].sort(
    (a, b) => held(b) - held(a) || Math.abs(a + BAND_S / 2 - median) - Math.abs(b + BAND_S / 2 - median),
  );
}

/** The part of a trip's pickup window inside the band starting at `from`, or null when they do not meet. */
function bandWindow(w: { day: DayInstance }, requestIdx: number, from: number): [number, number] | null {
  const spec = w.day.instance.requests[requestIdx].pickup;
  const lo = Math.max(from, spec.earliestS);
  const hi = Math.min(from + BAND_S, spec.latestS);
  return lo <= hi ? [lo, hi] : null;
}

/** Cheapest feasible insertions of `requestIdx` into the given runs (visit lists with it inserted). */
function insertions(
  w: WorkPart,
  routes: Array<{ vehicleIdx: number; visits: VisitRef[] }>,
  requestIdx: number,
  max: number,
): Array<{ vehicleIdx: number; visits: VisitRef[] }> {
  return insertionOptions(w.day.instance, routes, requestIdx, { maxOptions: max }).options.map((o) => ({
    vehicleIdx: o.vehicleIdx,
    visits: refsOf(o.route),
  }));
}

/** A solution again from the repaired routes; the soft terms of `cost` are not re-priced, only the driving and unserved terms. */
function toSolution(w: WorkPart, costDelta: number): DarpSolution {
  const before = w.part.solution;
  const routes = [...w.routes.values()].sort((a, b) => a.vehicleIdx - b.vehicleIdx);
  const kept = before.unserved.filter((u) => w.unserved.has(u.requestIdx));
  const served = before.unserved.length - kept.length;
  return {
    routes,
    unserved: kept,
    cost: before.cost + costDelta - served * w.day.instance.objective.unservedPenalty,
    totals: {
      ...before.totals,
      distanceM: routes.reduce((s, r) => s + r.distanceM, 0),
      durationS: routes.reduce((s, r) => s + r.durationS, 0),
      vehicles: routes.length,
    },
  };
}

/** The van each journey rides most often (ties: the van its anchor prefers, then by id). */
function homeVans(
  parts: WorkPart[],
  journeyOf: (t: PlanTrip) => string,
): Map<string, { vehicleId: string; days: number }> {
  const counts = new Map<string, Map<string, number>>();
  const preferred = new Map<string, string>();
  for (const w of parts) {
    for (const [r, v] of w.vehicleOf) {
      const j = journeyOf(w.day.trips[r]);
      const byVan = counts.get(j) ?? new Map<string, number>();
      const van = w.day.runs[v].vehicle.id;
      byVan.set(van, (byVan.get(van) ?? 0) + 1);
      counts.set(j, byVan);
      const pref = w.day.instance.requests[r].preferredVehicleIdx;
      if (pref !== undefined && !preferred.has(j)) preferred.set(j, w.day.runs[pref].vehicle.id);
    }
  }
  const out = new Map<string, { vehicleId: string; days: number }>();
  for (const [j, byVan] of counts) {
    const days = [...byVan.values()].reduce((a, b) => a + b, 0);
    const [vehicleId] = [...byVan].sort(
      (a, b) =>
        b[1] - a[1] ||
        Number(b[0] === preferred.get(j)) - Number(a[0] === preferred.get(j)) ||
        a[0].localeCompare(b[0]),
    )[0];
    out.set(j, { vehicleId, days });
  }
  return out;
}

export function repairContinuity(
  solved: SolvedPart[],
  opts: RepairOptions,
): { parts: SolvedPart[]; report: RepairReport } {
  const run = new RepairRun(solved, opts);
  // Serving comes first; then one van per journey; last, one time of day per journey. A pass
  // that runs out of time ends the repair with what was kept so far.
  if (run.serveUnserved() && run.oneVanPerJourney()) run.alignPickupTimes();
  return run.result();
}

type Day = { w: WorkPart; r: number };

/** One repair of a week: its parts, the drivers' hours, the journal of kept changes and the report; each pass a method. */
export class RepairRun {
  readonly parts: WorkPart[];
  readonly hours: DriverHours;
  readonly report: RepairReport = emptyRepairReport();
  readonly outOfTime: () => boolean;
  /** Every kept change, so that a journey's moves can be taken back together. */
  private readonly journal: Array<{ w: WorkPart; before: Map<number, PlannedRoute | null>; change: Change }> = [];
  private home = new Map<string, { vehicleId: string; days: number }>();
  /** Each journey's served trips, as they stood before the one-van pass. */
  private days = new Map<string, Day[]>();

  constructor(
    solved: SolvedPart[],
    readonly opts: RepairOptions,
  ) {
    this.parts = solved.map((p) => new WorkPart(p));
    this.hours = new DriverHours(opts.drivers, this.parts);
    this.outOfTime = opts.outOfTime ?? (() => false);
  }

  keep(w: WorkPart, change: Change): void {
    this.journal.push({
      w,
      before: new Map([...change.routes.keys()].map((v) => [v, w.routes.get(v) ?? null])),
      change,
    });
    commit(w, this.hours, change);
    this.report.costIncrease += change.costDelta;
  }

  rollback(mark: number): void {
    for (const { w, before, change } of this.journal.splice(mark).reverse()) {
      for (const [v, route] of before) w.set(v, route);
      this.hours.apply(w.day.date, new Map([...change.hoursDelta].map(([d, s]) => [d, -s])));
      this.report.costIncrease -= change.costDelta;
    }
  }

  result(): { parts: SolvedPart[]; report: RepairReport } {
    const costOf = (w: WorkPart) => this.journal.filter((e) => e.w === w).reduce((s, e) => s + e.change.costDelta, 0);
    return {
      parts: this.parts.map((w) => ({ instance: w.day, solution: toSolution(w, costOf(w)) })),
      report: { ...this.report, costIncrease: Math.round(this.report.costIncrease) },
    };
  }

  private homeOf(w: WorkPart, r: number) {
    return this.home.get(this.opts.journeyOf(w.day.trips[r]));
  }

  private hasClaim(w: WorkPart, r: number, vehicleIdx: number): boolean {
    return (this.homeOf(w, r)?.days ?? 0) > 1 && this.homeOf(w, r)!.vehicleId === w.day.runs[vehicleIdx].vehicle.id;
  }

  /** Pass 1: every unserved trip offered to the routes as they stand (the van its journey rides most first). False when out of time. */
  serveUnserved(): boolean {
    const { parts, hours, report, opts } = this;
    const home = homeVans(parts, opts.journeyOf);
    for (const w of parts) {
      for (const r of [...w.unserved]) {
        if (this.outOfTime()) return false;
        const van = home.get(opts.journeyOf(w.day.trips[r]))?.vehicleId;
        const options = insertions(w, w.allRoutes(new Map()), r, 8);
        options.sort(
          (a, b) =>
            Number(w.day.runs[b.vehicleIdx].vehicle.id === van) - Number(w.day.runs[a.vehicleIdx].vehicle.id === van),
        );
        for (const o of options) {
          const change = price(w, hours, new Map([[o.vehicleIdx, o.visits]]));
          if (change) {
            this.keep(w, change);
            report.newlyServed++;
            break;
          }
        }
      }
    }

    return true;
  }

  /**
   * Pass 2: continuity, one journey at a time and all of its days or none — a child on van A three
   * days and van B two days is no better off with B once. The van it rides most is tried first,
   * then the next one. False when out of time.
   */
  oneVanPerJourney(): boolean {
    const { parts, report, opts } = this;
    this.home = homeVans(parts, opts.journeyOf);
    const home = this.home;
    const days = this.days;
    for (const w of parts)
      for (const r of w.vehicleOf.keys())
        days.set(opts.journeyOf(w.day.trips[r]), [...(days.get(opts.journeyOf(w.day.trips[r])) ?? []), { w, r }]);
    const vanOf = (x: Day) => x.w.day.runs[x.w.vehicleOf.get(x.r)!].vehicle.id;
    const isLocked = (x: Day) => x.w.day.instance.requests[x.r].lockedVehicleIdx !== undefined;
    // A journey locked (by the coordinator or a continuity hold) on some days can only go to the van it is locked on.
    const mixedJourneys = () =>
      [...days].filter(
        ([, list]) =>
          list.length > 1 && new Set(list.map(vanOf)).size > 1 && new Set(list.filter(isLocked).map(vanOf)).size <= 1,
      );
    const awayCount = (j: string, list: Day[]) => list.filter((x) => vanOf(x) !== home.get(j)!.vehicleId).length;
    for (let pass = 0; pass < (opts.passes ?? 3); pass++) {
      const mixed = mixedJourneys();
      mixed.sort((a, b) => awayCount(a[0], a[1]) - awayCount(b[0], b[1]) || a[0].localeCompare(b[0]));
      let repairedThisPass = 0;
      for (const [j, list] of mixed) {
        if (this.outOfTime()) return false;
        const counts = new Map<string, number>();
        for (const x of list) counts.set(vanOf(x), (counts.get(vanOf(x)) ?? 0) + 1);
        const first = home.get(j)!.vehicleId;
        const pinned = list.find(isLocked);
        const vans = pinned
          ? [vanOf(pinned)]
          : [
              first,
              ...[...counts]
                .filter(([v]) => v !== first)
                .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
                .map(([v]) => v),
            ].slice(0, opts.vansTried ?? 3);
        for (const van of vans) {
          const mark = this.journal.length;
          const tally = { moved: 0, exchanged: 0 };
          home.set(j, { vehicleId: van, days: list.length });
          if (list.every((x) => vanOf(x) === van || this.bringHome(x.w, x.r, van, tally))) {
            report.moved += tally.moved;
            report.exchanged += tally.exchanged;
            repairedThisPass++;
            break;
          }
          this.rollback(mark);
          home.set(j, { vehicleId: first, days: list.length });
          if (this.outOfTime()) return false;
        }
      }
      report.journeysRepaired += repairedThisPass;
      if (repairedThisPass === 0) break;
    }
    report.journeysLeftMixed = mixedJourneys().length;
    return true;
  }

  /**
   * Pass 3: the time of day, one journey at a time and all of its days or none: its pickups are
   * pulled into one 10-minute band — the one holding most of them, then the next best — route by
   * route (same order, or the trip re-inserted in its own route), while the pickups of journeys
   * already within their band stay there. False when out of time.
   */
  alignPickupTimes(): boolean {
    const { hours, report, opts, days } = this;
    const bandOf = new Map<string, number>();
    const timesOf = (list: Array<{ w: WorkPart; r: number }>) =>
      list.map((x) => x.w.pickupS(x.r)).sort((a, b) => a - b);
    const spreadS = (list: Array<{ w: WorkPart; r: number }>) => {
      const t = timesOf(list);
      return t[t.length - 1] - t[0];
    };
    for (const [j, list] of days) if (list.length > 1 && spreadS(list) <= BAND_S) bandOf.set(j, timesOf(list)[0]);
    for (let pass = 0; pass < 2; pass++) {
      for (const [j, list] of days) {
        if (list.length < 2 || bandOf.has(j)) continue;
        if (this.outOfTime()) return false;
        const from = bandsOf(timesOf(list))[pass];
        if (from === undefined) continue;
        const mark = this.journal.length;
        let aligned = 0;
        const ok = list.every((x) => {
          const t = x.w.pickupS(x.r);
          if (t >= from - EPS && t <= from + BAND_S + EPS) return true;
          const win = bandWindow(x.w, x.r, from);
          const v = x.w.vehicleOf.get(x.r)!;
          const route = x.w.routes.get(v)!;
          if (!win) return false;
          const held = new Map<number, [number, number]>();
          for (const visit of route.visits) {
            if (visit.kind !== 'pickup' || visit.requestIdx === x.r) continue;
            const other = bandOf.get(opts.journeyOf(x.w.day.trips[visit.requestIdx]));
            const otherWin = other === undefined ? null : bandWindow(x.w, visit.requestIdx, other);
            if (otherWin && visit.startS >= otherWin[0] - EPS && visit.startS <= otherWin[1] + EPS)
              held.set(visit.requestIdx, otherWin);
          }
          const trial = scheduleWith(x.w.day, v, refsOf(route), new Map([...held, [x.r, win]]), x.r);
          if (!trial) return false;
          const change = {
            routes: new Map([[v, trial]]),
            costDelta: drivingCost(x.w.day, v, trial) - drivingCost(x.w.day, v, route),
            hoursDelta: new Map([[x.w.day.runs[v].driverId, runSeconds(trial) - runSeconds(route)]]),
          };
          if (change.costDelta > opts.maxCostIncrease + EPS || !hours.allows(x.w.day.date, change.hoursDelta))
            return false;
          this.keep(x.w, change);
          aligned++;
          return true;
        });
        if (ok) {
          bandOf.set(j, from);
          report.timesAligned += aligned;
        } else this.rollback(mark);
      }
    }
    return true;
  }

  /** Moves request r of part w to the run of `van`: inserted directly, or in exchange for a trip with no claim on that run. */
  private bringHome(w: WorkPart, r: number, van: string, tally: { moved: number; exchanged: number }): boolean {
    const { hours, opts } = this;
    const target = w.day.runs.findIndex((run) => run.vehicle.id === van);
    const src = w.vehicleOf.get(r);
    if (target < 0 || src === undefined) return false;
    const srcVisits = withoutRequest(w.visits(src), r);
    const direct = insertions(w, [{ vehicleIdx: target, visits: w.visits(target) }], r, 1)[0];
    if (direct) {
      const change = price(
        w,
        hours,
        new Map([
          [src, srcVisits],
          [target, direct.visits],
        ]),
      );
      if (change && change.costDelta <= opts.maxCostIncrease + EPS) {
        this.keep(w, change);
        tally.moved++;
        return true;
      }
    }
    const myPickupS = w.pickupS(r);
    const others = w
      .visits(target)
      .filter(
        (v) =>
          v.kind === 'pickup' &&
          w.day.instance.requests[v.requestIdx].lockedVehicleIdx === undefined &&
          !this.hasClaim(w, v.requestIdx, target),
      )
      .map((v) => v.requestIdx)
      .sort((a, b) => Math.abs(w.pickupS(a) - myPickupS) - Math.abs(w.pickupS(b) - myPickupS) || a - b)
      .slice(0, opts.exchangeCandidates ?? DEFAULT_EXCHANGE_CANDIDATES);
    for (const x of others) {
      const mine = insertions(w, [{ vehicleIdx: target, visits: withoutRequest(w.visits(target), x) }], r, 1)[0];
      if (!mine) continue;
      const replaced = new Map([
        [src, srcVisits],
        [target, mine.visits],
      ]);
      const xHome = this.homeOf(w, x)?.vehicleId;
      const options = insertions(w, w.allRoutes(replaced), x, 6);
      options.sort(
        (a, b) =>
          Number(w.day.runs[b.vehicleIdx].vehicle.id === xHome) - Number(w.day.runs[a.vehicleIdx].vehicle.id === xHome),
      );
      for (const o of options) {
        const change = price(w, hours, new Map([...replaced, [o.vehicleIdx, o.visits]]));
        if (change && change.costDelta <= opts.maxCostIncrease + EPS) {
          this.keep(w, change);
          tally.exchanged++;
          return true;
        }
      }
    }
    return false;
  }
}
