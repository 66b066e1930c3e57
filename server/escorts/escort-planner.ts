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
import type { Escort } from '../contract/safeguarding.ts';
import type { Plan } from '../contract/plan.ts';
import { weekdayOf } from '../domain/calendar.ts';
import { planWeekDetailed, type PlanWeekDeps, type PlanWeekInput, type PlanWeekResult } from '../planning/plan-week.ts';
import { attachRunAttributes, copyVehicles, type RunExtra } from '../planning/run-attributes.ts';
import { partOfRoute, type Run, type RunPart } from '../planning/runs.ts';
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

/** Plans the week with escorts aboard runs; see the header. */
export async function planWeekWithEscorts(
  input: PlanWeekInput,
  deps: PlanWeekDeps,
  escorts: readonly Escort[],
  rules: EscortRules,
): Promise<EscortPlanResult> {
  const byPart = new Map<string, EscortAssignment[]>();
  // The planner reads vehicles by identity: copies (with what other parts attached), so that the caller's records carry nothing.
  const vehicles = copyVehicles(input.data.vehicles);
  attachRunAttributes(vehicles, {
    forRuns(date, part, runs): RunExtra[] {
      const key = `${date}|${part}`;
      const heldS = new Map<string, number>();
      for (const [k, list] of byPart)
        if (k !== key) for (const a of list) heldS.set(a.escortId, (heldS.get(a.escortId) ?? 0) + a.toS - a.fromS);
      const assigned = assignEscorts(escorts, date, part, runs, heldS);
      byPart.set(key, assigned);
      return runs.map((r) => {
        const a = assigned.find((x) => x.vehicleId === r.vehicle.id);
        return a
          ? { features: [ESCORT_FEATURE], seatsTaken: 1, fromS: a.fromS, toS: a.toS }
          : { features: [], seatsTaken: 0 };
      });
    },
    requires: (trip) => (needsEscortAboard(trip.passenger, rules, trip.date) ? [ESCORT_FEATURE] : []),
  });
  const result = await planWeekDetailed({ ...input, data: { ...input.data, vehicles } }, deps);
  const planned = new Set(result.plan.days.map((d) => d.date));
  const assignments = [...byPart.values()].flat().filter((a) => planned.has(a.date));
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
    ...result.plan,
    days: result.plan.days.map((d) => ({
      ...d,
      routes: d.routes.map((r) => ({ ...r, escortId: escortOf(d.date, partOfRoute(r), r.vehicleId) })),
    })),
    unserved: result.plan.unserved.map((u) => {
      const passenger = input.data.passengers.find((p) => p.id === u.passengerId);
      const solverUnserved = result.trips.some((t) => t.key === tripKey(u.date, u.requestId, u.direction));
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
  return { ...result, plan, assignments };
}
