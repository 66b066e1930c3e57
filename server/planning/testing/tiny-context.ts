/**
 * The tiny week prepared for the planning steps' tests: its WeekContext (trips, places, matrix,
 * order with the master week, budget) and a fresh WeekState, on the estimate provider.
 */
import { EstimateProvider } from '../../routing/estimate/estimate-provider.ts';
import type { WeekState } from '../plan-date.ts';
import { type PlanWeekInput, prepareWeek } from '../plan-week.ts';
import { WeekReference } from '../week-reference.ts';
import { tinyWeek } from './tiny-week.ts';

export const tinyRouting = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });

export async function tinyContext(over: Partial<PlanWeekInput> = {}) {
  const data = tinyWeek();
  let clock = 0;
  const prepared = await prepareWeek(
    { data, week: data.week, ...over },
    { routing: tinyRouting, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 200, now: () => clock },
  );
  const state: WeekState = { ledger: { weekHours: new Map() }, reference: new WeekReference(300) };
  return { data, ...prepared, state, advance: (ms: number) => (clock += ms) };
}
