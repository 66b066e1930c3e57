/**
 * A direct travel time between two places without a routing engine: great-circle distance
 * × a road detour factor at an urban-fringe speed, plus a fixed minute to park and reach the
 * door. Used when windows are computed before (or without) a travel-time matrix — the
 * demo-week generator and validation; the planner passes the routing provider's times instead.
 */
import { greatCircleM } from '../contract/great-circle.ts';

export const ESTIMATE = { detourFactor: 1.35, speedKmh: 32, fixedS: 60 } as const;

export function estimateDirectS(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const roadM = greatCircleM(a, b) * ESTIMATE.detourFactor;
  return Math.round(ESTIMATE.fixedS + roadM / (ESTIMATE.speedKmh / 3.6));
}
