/**
 * Which of the 16 comuni a point lies in (Turf point-in-polygon on the ISTAT boundaries).
 * Points exactly on a shared border count for the first comune listed; the generalised
 * boundaries are only good to about 100 m anyway (see fixtures/geo/SOURCES.md).
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { loadMunicipalities, type MunicipalityArea } from './municipalities.ts';

export function locate(lon: number, lat: number): MunicipalityArea | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  for (const m of loadMunicipalities()) {
    const [minLon, minLat, maxLon, maxLat] = m.bbox;
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
    if (booleanPointInPolygon([lon, lat], m.boundary)) return m;
  }
  return null;
}
