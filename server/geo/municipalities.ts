/**
 * The 16 comuni of the Ambiti di Castellanza and Somma Lombardo, as Action A knows them:
 * ISTAT code, name, ambito and population from fixtures/geo/municipalities.csv, joined by ISTAT
 * code with the boundary polygons of fixtures/geo/municipalities.geojson
 * (Fonte: ISTAT; elaborazione Openpolis — CC-BY 4.0). Loaded once and cached.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { MunicipalitySchema, type Municipality } from '../contract/domain.ts';

export interface MunicipalityArea extends Municipality {
  boundary: Polygon;
  /** [minLon, minLat, maxLon, maxLat] of the boundary, for a quick reject before point-in-polygon. */
  bbox: [number, number, number, number];
  /** Town centre (from the CSV; the polygon centroid when the source row is blank). */
  centre: { lat: number; lon: number };
  centroid: { lat: number; lon: number };
  areaKm2: number;
}

const GEO_DIR = new URL('../../fixtures/geo/', import.meta.url);
let cached: MunicipalityArea[] | undefined;

function parseCsv(text: string, file: string): Array<Record<string, string>> {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw new Error(`${file} line ${i + 2}: expected ${header.length} columns, found ${cells.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
  });
}

function bboxOf(polygon: Polygon): [number, number, number, number] {
  let minLon = Infinity,
    minLat = Infinity,
    maxLon = -Infinity,
    maxLat = -Infinity;
  for (const [lon, lat] of polygon.coordinates[0]) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** The 16 municipalities with their boundaries, in the CSV's order. */
export function loadMunicipalities(): MunicipalityArea[] {
  if (cached) return cached;
  const rows = parseCsv(readFileSync(new URL('municipalities.csv', GEO_DIR), 'utf8'), 'municipalities.csv');
  const geo = JSON.parse(
    readFileSync(new URL('municipalities.geojson', GEO_DIR), 'utf8'),
  ) as FeatureCollection<Polygon>;
  const byCode = new Map<string, Feature<Polygon>>(geo.features.map((f) => [String(f.properties?.istat_code), f]));
  cached = rows.map((row, i) => {
    const base = MunicipalitySchema.parse({
      istatCode: row.istat_code,
      name: row.name,
      ambito: row.ambito,
      population: Number(row.population),
    });
    const feature = byCode.get(base.istatCode);
    if (!feature || feature.geometry.type !== 'Polygon') {
      throw new Error(
        `municipalities.csv line ${i + 2}: no Polygon boundary for ISTAT code ${base.istatCode} in municipalities.geojson`,
      );
    }
    const centroid = { lat: Number(row.lat), lon: Number(row.lon) };
    const centre = row.town_centre_lat
      ? { lat: Number(row.town_centre_lat), lon: Number(row.town_centre_lon) }
      : centroid;
    return {
      ...base,
      boundary: feature.geometry,
      bbox: bboxOf(feature.geometry),
      centre,
      centroid,
      areaKm2: Number(row.area_km2),
    };
  });
  return cached;
}
