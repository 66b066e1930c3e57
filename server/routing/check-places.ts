/**
 * Rejects a place that is not a coordinate before any provider or cache sees it, with the
 * index, label and value in the message (a NaN would otherwise become "NaN,NaN" in an OSRM URL).
 */
import { AppError } from '../errors/app-error.ts';
import type { LonLat } from './provider.ts';

export function checkPlace(place: LonLat, index: number): void {
  const ok =
    Number.isFinite(place.lon) && Number.isFinite(place.lat) && Math.abs(place.lon) <= 180 && Math.abs(place.lat) <= 90;
  if (ok) return;
  const named = place.label ? ` (${place.label})` : '';
  throw new AppError('REQUEST_INVALID', `places.${index}${named}: not a valid lon/lat: ${place.lon}, ${place.lat}`, [
    {
      path: `places.${index}`,
      message: 'longitude in [-180, 180] and latitude in [-90, 90] expected',
      value: [place.lon, place.lat],
    },
  ]);
}
