/**
 * The great-circle (haversine) distance in metres on a sphere of the mean Earth radius (IUGG,
 * 6,371,008.8 m): the one used everywhere — the estimated routing provider, the direct-time
 * estimate of the windows, the demo-week generator, the web. At the scale of a province the error
 * against the ellipsoid is < 0.5 %.
 */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function greatCircleM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
