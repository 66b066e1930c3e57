/**
 * Step 5 of planning a week: the dates' results assembled into one draft Plan — days in date
 * order, every unserved trip (those the work-hour rules make impossible, with their fix, and
 * those the solver could not place, with its reason) and the plan's key figures. Verification
 * (`verifyDays`, the solver's exact route evaluation of every planned part) is the check every
 * caller runs on the parts before trusting the plan.
 */
import type { Plan } from '../contract/plan.ts';
import { fromIsoRome, toIsoRome } from '../domain/calendar.ts';
import type { DayResult } from './day-result.ts';
import type { PlanningData } from './planning-data.ts';
import { summarisePlan } from './summary.ts';
import type { InfeasibleTrip } from './trip.ts';

export { verifyDays } from './verify-days.ts';

export function romeNow(ms: number): string {
  const { date, secondsOfDay } = fromIsoRome(new Date(ms).toISOString());
  return toIsoRome(date, secondsOfDay);
}

export interface AssembleInput {
  data: PlanningData;
  week: string;
  planId?: string;
  version?: number;
  provider: Plan['provider'];
  createdAtMs: number;
  infeasible: InfeasibleTrip[];
  results: DayResult[];
}

export function assemblePlan(a: AssembleInput): Plan {
  const householdOf = new Map(a.data.passengers.map((p) => [p.id, p.householdId]));
  const days = a.results.map((r) => ({ date: r.date, routes: r.routes })).sort((x, y) => x.date.localeCompare(y.date));
  const unserved = [
    ...a.infeasible.map((x) => ({
      requestId: x.requestId,
      passengerId: x.passengerId,
      date: x.date,
      direction: x.direction,
      reason: x.reason,
      message: `${x.message} ${x.fix}`,
    })),
    ...a.results.flatMap((r) =>
      r.unserved.map((u) => ({
        requestId: u.trip.requestId,
        passengerId: u.trip.passenger.id,
        date: u.trip.date,
        direction: u.trip.direction,
        reason: u.reason,
        message: u.message,
      })),
    ),
  ].sort((x, y) => x.date.localeCompare(y.date) || x.requestId.localeCompare(y.requestId));
  const base = { days, unserved };
  return {
    id: a.planId ?? `plan-${a.week}-v${a.version ?? 1}`,
    week: a.week,
    version: a.version ?? 1,
    status: 'draft',
    provider: a.provider,
    createdAt: romeNow(a.createdAtMs),
    ...base,
    summary: summarisePlan(base, (p) => householdOf.get(p)),
  };
}
