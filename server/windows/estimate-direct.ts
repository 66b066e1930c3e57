/**
 * A direct travel time between two places without a routing engine: great-circle distance
 * × a road detour factor at an urban-fringe speed, plus a fixed minute to park and reach the
 * door. Used when windows are computed before (or without) a travel-time matrix — the
 * demo-week generator and validation; the planner passes the routing provider's times instead.
 */
export const ESTIMATE = { detourFactor: 1.35, speedKmh: 32, fixedS: 60 } as const;

export function haversineM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function estimateDirectS(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const roadM = haversineM(a, b) * ESTIMATE.detourFactor;
  return Math.round(ESTIMATE.fixedS + roadM / (ESTIMATE.speedKmh / 3.6));
}
