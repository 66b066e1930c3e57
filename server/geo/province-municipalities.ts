/**
 * The 135 comuni of the province of Varese, for the province-wide scale scenario (issue 15 item
 * 3): boundaries from fixtures/geo/varese_province_municipalities_openpolis.geojson (Fonte: ISTAT;
 * elaborazione Openpolis — CC-BY 4.0) joined by ISTAT code with their resident population of
 * fixtures/geo/varese-province-population-2021.csv. The file has no town centres, so the centre is
 * the polygon's centroid; centroid and area are computed here (equirectangular approximation, as
 * for the 16 comuni). Only the scenario generator uses it: the product itself serves the 16 comuni.
 */
import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, Polygon } from 'geojson';

export interface ProvinceMunicipality {
  istatCode: string;
  name: string;
  population: number;
  boundary: Polygon;
  /** [minLon, minLat, maxLon, maxLat] of the outer ring. */
  bbox: [number, number, number, number];
  centre: { lat: number; lon: number };
  areaKm2: number;
}

const GEO_DIR = new URL('../../fixtures/geo/', import.meta.url);
const KM_PER_DEG_LAT = 111.32;
let cached: ProvinceMunicipality[] | undefined;

/** Area (km²) and centroid of a ring, on a plane tangent at its first vertex. */
function ringAreaAndCentroid(ring: number[][]): { areaKm2: number; centre: { lat: number; lon: number } } {
  const [lon0, lat0] = ring[0];
  const kx = KM_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x1 = (ring[i][0] - lon0) * kx;
    const y1 = (ring[i][1] - lat0) * KM_PER_DEG_LAT;
    const x2 = (ring[i + 1][0] - lon0) * kx;
    const y2 = (ring[i + 1][1] - lat0) * KM_PER_DEG_LAT;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
  return {
    areaKm2: Math.round(Math.abs(a / 2) * 1000) / 1000,
    centre: { lat: round6(lat0 + cy / (3 * a) / KM_PER_DEG_LAT), lon: round6(lon0 + cx / (3 * a) / kx) },
  };
}

/** The 135 comuni, in ISTAT-code order. */
export function loadProvinceMunicipalities(): ProvinceMunicipality[] {
  if (cached) return cached;
  const file = 'varese-province-population-2021.csv';
  const population = new Map<string, number>();
  const lines = readFileSync(new URL(file, GEO_DIR), 'utf8').trim().split(/\r?\n/).slice(1);
  for (const [i, line] of lines.entries()) {
    const [code, , people] = line.split(',');
    if (!/^\d{6}$/.test(code) || !/^\d+$/.test(people ?? ''))
      throw new Error(`${file} line ${i + 2}: expected istat_code,name,population, got "${line}"`);
    population.set(code, Number(people));
  }
  const geo = JSON.parse(
    readFileSync(new URL('varese_province_municipalities_openpolis.geojson', GEO_DIR), 'utf8'),
  ) as FeatureCollection<Polygon>;
  cached = geo.features
    .map((f) => {
      const istatCode = String(f.properties?.com_istat_code);
      const people = population.get(istatCode);
      if (people === undefined) throw new Error(`${file}: no population for ISTAT code ${istatCode}`);
      const ring = f.geometry.coordinates[0];
      const lons = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      return {
        istatCode,
        name: String(f.properties?.name),
        population: people,
        boundary: f.geometry,
        bbox: [
          Math.min(...lons),
          Math.min(...lats),
          Math.max(...lons),
          Math.max(...lats),
        ] as ProvinceMunicipality['bbox'],
        ...ringAreaAndCentroid(ring),
      };
    })
    .sort((a, b) => a.istatCode.localeCompare(b.istatCode));
  return cached;
}

/** Whether a point lies inside a comune's boundary. */
export function insideComune(m: Pick<ProvinceMunicipality, 'bbox' | 'boundary'>, lon: number, lat: number): boolean {
  const [minLon, minLat, maxLon, maxLat] = m.bbox;
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
  return booleanPointInPolygon([lon, lat], m.boundary);
}

/** The comune of the province a point lies in, or null. */
export function locateInProvince(lon: number, lat: number): ProvinceMunicipality | null {
  return loadProvinceMunicipalities().find((m) => insideComune(m, lon, lat)) ?? null;
}
