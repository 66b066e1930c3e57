/**
 * Before a plan is printed or saved, every route of every day is re-evaluated with the
 * solver's exact, order-fixed evaluation (evaluateRoute): windows, capacities, lift, ride
 * times, shifts. The result lists each violation in words; empty means all days are feasible.
 */
import { evaluateRoute } from '../../solver/index.ts';
import type { DarpSolution } from '../../solver/index.ts';
import type { DayInstance } from './day-instance.ts';

export function verifyDays(days: Array<{ instance: DayInstance; solution: DarpSolution }>): string[] {
  const out: string[] = [];
  for (const { instance, solution } of days) {
    for (const route of solution.routes) {
      if (route.visits.length === 0) continue;
      const visits = route.visits.map((v) => ({ requestIdx: v.requestIdx, kind: v.kind }));
      const check = evaluateRoute(instance.instance, route.vehicleIdx, visits);
      if (!check.feasible)
        out.push(
          `${instance.date} ${instance.instance.vehicles[route.vehicleIdx].id}: ${JSON.stringify(check.violations)}`,
        );
    }
  }
  return out;
}
