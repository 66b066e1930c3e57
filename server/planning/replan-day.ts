/**
 * Re-planning one day after a change (issue 15 item 4): some requests changed (an absence, an
 * extra day, other hours), so one date of the published plan is planned again — only that date,
 * every trip anchored to its published run and held within ±maxShiftMin of its published pickup
 * (stable re-planning, released only for trips that cannot otherwise be served) — and the result
 * replaces that date in the published plan. `shifts` says how far each passenger who kept a trip
 * moved, so the caller can see that nobody else moved more than 10 minutes.
 */
import type { Plan } from '../contract/plan.ts';
import { fromIsoRome } from '../domain/calendar.ts';
import { type PlanWeekDeps, planWeekDetailed } from './plan-week.ts';
import type { PlanningData } from './planning-data.ts';
import { summarisePlan } from './summary.ts';
import { verifyDays } from './verify-days.ts';

/** Default hold around each published pickup: a trip moves at most this much (so within 10 minutes). */
export const REPLAN_MAX_SHIFT_MIN = 10;

export interface ReplanDayResult {
  plan: Plan;
  /** Per trip (`requestId|direction`) served before and after: the pickup's move in minutes. */
  shifts: Map<string, number>;
  /** Trips served after that were not before, and the other way round. */
  added: string[];
  removed: string[];
  violations: string[];
}

const pickups = (plan: Plan, date: string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of plan.days.find((d) => d.date === date)?.routes ?? [])
    for (const s of r.stops)
      if (s.kind === 'pickup')
        for (const p of s.boards) out.set(`${p.requestId}|${p.direction}`, fromIsoRome(s.start).secondsOfDay);
  return out;
};

export async function replanDay(
  input: { data: PlanningData; published: Plan; date: string; maxShiftMin?: number },
  deps: PlanWeekDeps,
): Promise<ReplanDayResult> {
  const r = await planWeekDetailed(
    {
      data: input.data,
      week: input.published.week,
      dates: [input.date],
      previous: input.published,
      maxShiftMin: input.maxShiftMin ?? REPLAN_MAX_SHIFT_MIN,
      planId: input.published.id,
      version: input.published.version + 1,
    },
    deps,
  );
  const day = r.plan.days.find((d) => d.date === input.date) ?? { date: input.date, routes: [] };
  const days = input.published.days.map((d) => (d.date === input.date ? day : d));
  if (!days.some((d) => d.date === input.date)) days.push(day);
  days.sort((a, b) => a.date.localeCompare(b.date));
  const unserved = [
    ...input.published.unserved.filter((u) => u.date !== input.date),
    ...r.plan.unserved.filter((u) => u.date === input.date),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.requestId.localeCompare(b.requestId));
  const householdOf = new Map(input.data.passengers.map((p) => [p.id, p.householdId]));
  const base = { days, unserved };
  const plan: Plan = { ...r.plan, ...base, summary: summarisePlan(base, (p) => householdOf.get(p)) };
  const before = pickups(input.published, input.date);
  const after = pickups(plan, input.date);
  const shifts = new Map<string, number>();
  for (const [k, s] of after) if (before.has(k)) shifts.set(k, Math.abs(s - before.get(k)!) / 60);
  return {
    plan,
    shifts,
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    violations: verifyDays(r.days),
  };
}
