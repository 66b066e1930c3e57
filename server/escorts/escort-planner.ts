/**
 * Escorts (accompagnatori) planned onto runs, through the planning hook of
 * server/planning/run-attributes.ts, without changing the planning steps or the solver:
 *
 * 1. Before each (date, part) is solved, the escorts on shift that weekday are assigned to the
 *    part's runs, in vehicle order, each to one run, choosing the escort whose shift covers most
 *    of the run (at least MIN_OVERLAP_S). A run with an escort gets the solver feature 'escort',
 *    one seat less (the escort counts in the seats) and its hours narrowed to the escort's shift.
 *    An escort's weekly hours (`maxHoursPerWeek`) bound their assignments: the hours of the run
 *    windows they hold in the week's other parts are counted, the window is shortened to what is
 *    left of the week, and an escort with less than MIN_OVERLAP_S left is not assigned.
 * 2. A trip of a passenger who must travel with an escort (escort-rules.ts) requires 'escort':
 *    the solver's feature compatibility keeps it off runs without one.
 * 3. After the solve each route names its escort (`escortId`), and every trip left unserved that
 *    needed an escort gets the reason ESCORT_MISSING with what was missing.
 *
 * The assignment is a pure function of (date, part, runs) and the hours the escorts hold in the
 * week's other parts. The planner may build a part's instance several times (holds released, the
 * master week): each build replaces that part's assignment, and it is made against the other
 * parts' current ones, so after every build no escort's week exceeds their limit.
 */
import type { Vehicle } from '../contract/domain.ts';
import type { Escort } from '../contract/safeguarding.ts';
import type { Plan } from '../contract/plan.ts';
import { weekdayOf } from '../domain/calendar.ts';
import { planWeekDetailed, type PlanWeekDeps, type PlanWeekInput, type PlanWeekResult } from '../planning/plan-week.ts';
import { attachRunAttributes, copyVehicles, type RunExtra } from '../planning/run-attributes.ts';
import type { PlanningData } from '../planning/planning-data.ts';
import { partOfRoute, type Run, type RunPart } from '../planning/runs.ts';
import type { PlanTrip } from '../planning/trip.ts';
import { tripKey } from '../contract/trip-key.ts';
import { needsEscortAboard, type EscortRules } from './escort-rules.ts';

export const ESCORT_FEATURE = 'escort';
/** An escort is put on a run only when their shift covers at least this much of it. */
export const MIN_OVERLAP_S = 60 * 60;

const seconds = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;

export interface EscortAssignment {
  date: string;
  part: RunPart;
  vehicleId: string;
  escortId: string;
  fromS: number;
  toS: number;
}

/**
 * The escorts of one (date, part), one per run at most, in vehicle order. `heldS` gives the
 * seconds each escort already holds in the week's other parts (none by default): an escort is
 * given at most `maxHoursPerWeek` minus that, and only when at least MIN_OVERLAP_S are left.
 */
export function assignEscorts(
  escorts: readonly Escort[],
  date: string,
  part: RunPart,
  runs: readonly Run[],
  heldS: ReadonlyMap<string, number> = new Map(),
): EscortAssignment[] {
  const weekday = weekdayOf(date);
  const free = escorts.filter((e) => e.shifts[weekday]).sort((a, b) => a.id.localeCompare(b.id));
  const out: EscortAssignment[] = [];
  const order = runs.map((_, i) => i).sort((a, b) => runs[a]!.vehicle.id.localeCompare(runs[b]!.vehicle.id));
  for (const i of order) {
    const run = runs[i]!;
    let best: { e: Escort; fromS: number; toS: number } | undefined;
    for (const e of free) {
      const shift = e.shifts[weekday]!;
      const fromS = Math.max(run.shiftStartS, seconds(shift.from));
      const leftS = e.maxHoursPerWeek * 3600 - (heldS.get(e.id) ?? 0);
      const toS = Math.min(run.shiftEndS, seconds(shift.to), fromS + leftS);
      if (toS - fromS >= MIN_OVERLAP_S && (!best || toS - fromS > best.toS - best.fromS)) best = { e, fromS, toS };
    }
    if (!best) continue;
    free.splice(free.indexOf(best.e), 1);
    out.push({ date, part, vehicleId: run.vehicle.id, escortId: best.e.id, fromS: best.fromS, toS: best.toS });
  }
  return out;
}

export interface EscortPlanResult extends PlanWeekResult {
  assignments: EscortAssignment[];
}

/** Assignments by `${date}|${part}`, as the planner built each part's instance. */
export type EscortsByPart = Map<string, EscortAssignment[]>;

/**
 * The seconds each escort holds outside a (date, part) when it is built. The sequential planner
 * counts the week's other parts (`heldInOtherParts`); the week flow, whose dates are planned at
 * the same time on different machines, gives each date its share instead (server/queue/week-flow-tasks.ts).
 */
export type EscortHeld = (
  date: string,
  part: RunPart,
  byPart: ReadonlyMap<string, EscortAssignment[]>,
) => Map<string, number>;

export const heldInOtherParts: EscortHeld = (date, part, byPart) => {
  const key = `${date}|${part}`;
  const heldS = new Map<string, number>();
  for (const [k, list] of byPart)
    if (k !== key) for (const a of list) heldS.set(a.escortId, (heldS.get(a.escortId) ?? 0) + a.toS - a.fromS);
  return heldS;
};

/**
 * Attaches the escorts to the vehicles (steps 1 and 2 of the header); returns the assignments,
 * filled in as the planner builds each part's instance (a rebuild replaces that part's).
 */
export function attachEscorts(
  vehicles: readonly Vehicle[],
  escorts: readonly Escort[],
  rules: EscortRules,
  held: EscortHeld = heldInOtherParts,
  byPart: EscortsByPart = new Map(),
): EscortsByPart {
  attachRunAttributes(vehicles, {
    forRuns(date, part, runs): RunExtra[] {
      const assigned = assignEscorts(escorts, date, part, runs, held(date, part, byPart));
      byPart.set(`${date}|${part}`, assigned);
      return runs.map((r) => {
        const a = assigned.find((x) => x.vehicleId === r.vehicle.id);
        return a
          ? { features: [ESCORT_FEATURE], seatsTaken: 1, fromS: a.fromS, toS: a.toS }
          : { features: [], seatsTaken: 0 };
      });
    },
    requires: (trip) => (needsEscortAboard(trip.passenger, rules, trip.date) ? [ESCORT_FEATURE] : []),
  });
  return byPart;
}

/** Plans the week with escorts aboard runs; see the header. */
export async function planWeekWithEscorts(
  input: PlanWeekInput,
  deps: PlanWeekDeps,
  escorts: readonly Escort[],
  rules: EscortRules,
): Promise<EscortPlanResult> {
  // The planner reads vehicles by identity: copies (with what other parts attached), so that the caller's records carry nothing.
  const vehicles = copyVehicles(input.data.vehicles);
  const byPart = attachEscorts(vehicles, escorts, rules);
  const result = await planWeekDetailed({ ...input, data: { ...input.data, vehicles } }, deps);
  const { plan, assignments } = explainEscorts(result.plan, result.trips, input.data, escorts, rules, byPart);
  return { ...result, plan, assignments };
}

/**
 * Step 3 of the header on a planned week: each route names its escort, each unserved trip that
 * needed one says what was missing. `trips` are the week's trips the solver was given.
 */
export function explainEscorts(
  planned: Plan,
  trips: readonly PlanTrip[],
  data: Pick<PlanningData, 'passengers'>,
  escorts: readonly Escort[],
  rules: EscortRules,
  byPart: EscortsByPart,
): { plan: Plan; assignments: EscortAssignment[] } {
  const dates = new Set(planned.days.map((d) => d.date));
  const assignments = [...byPart.values()].flat().filter((a) => dates.has(a.date));
  const escortOf = (date: string, part: RunPart, vehicleId: string) =>
    byPart.get(`${date}|${part}`)?.find((a) => a.vehicleId === vehicleId)?.escortId ?? null;
  const heldS = new Map<string, number>();
  for (const x of assignments) heldS.set(x.escortId, (heldS.get(x.escortId) ?? 0) + x.toS - x.fromS);
  const noEscortWhy = (date: string) => {
    const onShift = escorts.filter((e) => e.shifts[weekdayOf(date)]);
    const spent = onShift.filter((e) => e.maxHoursPerWeek * 3600 - (heldS.get(e.id) ?? 0) < MIN_OVERLAP_S);
    return onShift.length > 0 && spent.length === onShift.length
      ? `travels only with an escort aboard; the escorts on shift on ${date} (${spent
          .map(
            (e) => `${e.id}: ${Math.round(((heldS.get(e.id) ?? 0) / 3600) * 10) / 10} of ${e.maxHoursPerWeek} h a week`,
          )
          .join(', ')}) have no weekly hours left`
      : `travels only with an escort aboard; no escort is on duty on ${date}`;
  };
  const plan: Plan = {
    ...planned,
    days: planned.days.map((d) => ({
      ...d,
      routes: d.routes.map((r) => ({ ...r, escortId: escortOf(d.date, partOfRoute(r), r.vehicleId) })),
    })),
    unserved: planned.unserved.map((u) => {
      const passenger = data.passengers.find((p) => p.id === u.passengerId);
      const solverUnserved = trips.some((t) => t.key === tripKey(u.date, u.requestId, u.direction));
      if (!passenger || !solverUnserved || !needsEscortAboard(passenger, rules, u.date)) return u;
      const withEscort = assignments.filter((a) => a.date === u.date);
      const message = withEscort.length
        ? `travels only with an escort aboard; the runs with an escort on ${u.date} (${withEscort
            .map((a) => `${a.vehicleId} ${a.part} with ${a.escortId}`)
            .join(', ')}) could not take this trip: ${u.message}`
        : noEscortWhy(u.date);
      return {
        ...u,
        reason: 'ESCORT_MISSING',
        message: `${message}. Fix: another escort on shift, or a longer shift.`,
      };
    }),
  };
  return { plan, assignments };
}
