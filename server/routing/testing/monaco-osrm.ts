/**
 * Answers as the real OSRM v6 server that produced fixtures/osrm-samples (Monaco extract):
 * the 4×4 table (sliced for any sources × destinations of its four places), the 1×3 table with
 * `sources=0` verbatim (places matched to 1e-5°: prontivia sends coordinates rounded to 5 decimals), the GeoJSON route and the nearest answer verbatim.
 */
import { osrmFixture, type OsrmHandler } from './fake-osrm-server.ts';

interface FixtureTable {
  durations: number[][];
  distances: number[][];
  sources: { location: [number, number] }[];
  destinations: unknown[];
}

const table4 = osrmFixture('monaco_table_4x4') as unknown as FixtureTable;

/** The four Monaco places of the table fixtures, in fixture order (the snapped locations). */
export const MONACO_PLACES = table4.sources.map((w, k) => ({
  lon: w.location[0],
  lat: w.location[1],
  label: `Monaco ${k}`,
}));

export function monacoOsrm(): OsrmHandler {
  const fixtureIndex = (c: [number, number]) => {
    const k = MONACO_PLACES.findIndex((p) => Math.abs(p.lon - c[0]) < 1e-5 && Math.abs(p.lat - c[1]) < 1e-5);
    if (k < 0) throw new Error(`not a Monaco fixture place: ${c.join(',')}`);
    return k;
  };
  return (request) => {
    if (request.service === 'route') return { status: 200, body: osrmFixture('monaco_route_geojson') };
    if (request.service === 'nearest') return { status: 200, body: osrmFixture('monaco_nearest') };
    const at = request.coordinates.map(fixtureIndex);
    const rows = request.sources.map((s) => at[s]);
    const cols = request.destinations.map((d) => at[d]);
    if (rows.join() === '0' && cols.join() === '1,2,3')
      return { status: 200, body: osrmFixture('monaco_table_1x3_sources') };
    return {
      status: 200,
      body: {
        code: 'Ok',
        durations: rows.map((r) => cols.map((c) => table4.durations[r][c])),
        distances: rows.map((r) => cols.map((c) => table4.distances[r][c])),
        sources: rows.map((r) => table4.destinations[r]),
        destinations: cols.map((c) => table4.destinations[c]),
      },
    };
  };
}
