import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import {
  closedPortUrl,
  osrmFixture,
  startFakeOsrm,
  type FakeOsrm,
  type OsrmHandler,
} from '../testing/fake-osrm-server.ts';
import { MONACO_PLACES, monacoOsrm } from '../testing/monaco-osrm.ts';
import { syntheticOsrm } from '../testing/synthetic-osrm.ts';
import { OsrmProvider, type OsrmSettings } from './osrm-provider.ts';

const servers: FakeOsrm[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: OsrmHandler): Promise<FakeOsrm> {
  const server = await startFakeOsrm(handler);
  servers.push(server);
  return server;
}

function provider(baseUrl: string, overrides: Partial<OsrmSettings> = {}): OsrmProvider {
  return new OsrmProvider({
    baseUrl,
    profile: 'driving',
    timeoutMs: 2000,
    retries: 2,
    retryBaseMs: 5,
    maxTableSize: 100,
    maxRouteSize: 500,
    maxSnapM: 500,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const table4 = osrmFixture('monaco_table_4x4') as { durations: number[][]; distances: number[][] };
const table1x3 = osrmFixture('monaco_table_1x3_sources') as { durations: number[][]; distances: number[][] };
const route = osrmFixture('monaco_route_geojson') as {
  routes: { distance: number; duration: number; geometry: { coordinates: [number, number][] } }[];
};

describe('OSRM provider against a server answering as OSRM v6', () => {
  it('reads a 4×4 table with durations and distances, keeping it asymmetric', async () => {
    const osrm = await serve(monacoOsrm());
    const result = await provider(osrm.url).matrix(MONACO_PLACES);
    expect(result.provider).toBe('osrm');
    expect(result.durationsS).toEqual(table4.durations);
    expect(result.distancesM).toEqual(table4.distances);
    expect(result.durationsS[0][1]).not.toBe(result.durationsS[1][0]);
    expect(osrm.requests).toHaveLength(1);
    expect(osrm.requests[0].params.get('annotations')).toBe('duration,distance');
    expect(osrm.requests[0].params.get('radiuses')).toBe('500;500;500;500');
  });

  it('asks one place against three with sources/destinations and reads the 1×3 answer', async () => {
    const osrm = await serve(monacoOsrm());
    const cells = await provider(osrm.url).tableCells(MONACO_PLACES, [
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    expect(osrm.requests[0].params.get('sources')).toBe('0');
    expect(osrm.requests[0].params.get('destinations')).toBe('1;2;3');
    expect(cells.map((c) => c.durationS)).toEqual(table1x3.durations[0]);
    expect(cells.map((c) => c.distanceM)).toEqual(table1x3.distances[0]);
  });

  it('draws the road shape of an ordered list of places from the GeoJSON route', async () => {
    const osrm = await serve(monacoOsrm());
    const shape = await provider(osrm.url).shape([MONACO_PLACES[0], MONACO_PLACES[3]]);
    expect(shape).toMatchObject({
      provider: 'osrm',
      estimated: false,
      distanceM: route.routes[0].distance,
      durationS: route.routes[0].duration,
    });
    expect(shape.coordinates).toEqual(route.routes[0].geometry.coordinates);
    expect(osrm.requests[0].params.get('overview')).toBe('full');
    expect(osrm.requests[0].params.get('geometries')).toBe('geojson');
  });

  it('snaps a place to the nearest road and says how far it moved', async () => {
    const osrm = await serve(monacoOsrm());
    const nearest = osrmFixture('monaco_nearest') as { waypoints: { location: [number, number]; distance: number }[] };
    const snapped = await provider(osrm.url).snap({ lon: 7.4203, lat: 43.7505 });
    expect(snapped).toEqual({
      provider: 'osrm',
      lon: nearest.waypoints[0].location[0],
      lat: nearest.waypoints[0].location[1],
      distanceM: nearest.waypoints[0].distance,
    });
  });

  it('names the place when OSRM finds no road segment within the radius (NoSegment)', async () => {
    const osrm = await serve(() => ({ status: 400, body: osrmFixture('outside_coverage_with_radiuses_error') }));
    const error = await failure(provider(osrm.url).snap({ lon: 7.9, lat: 43.1, label: 'Casa Rossi, Via del Mare 1' }));
    expect(error.code).toBe('ROUTING_FAILED');
    expect(error.message).toContain('Casa Rossi, Via del Mare 1');
    expect(error.message).toContain('7.90000,43.10000');
    expect(error.message).toContain('(OSRM: NoSegment: Could not find a matching segment for coordinate 0)');
  });

  it('names the place that OSRM snapped hundreds of km away while answering Ok', async () => {
    const osrm = await serve(() => ({ status: 200, body: osrmFixture('outside_coverage_snaps_far_but_ok') }));
    const far = { lon: 10.5, lat: 42.1, label: 'Home of passenger P7' };
    const error = await failure(provider(osrm.url).shape([far, MONACO_PLACES[1]]));
    expect(error.code).toBe('ROUTING_FAILED');
    expect(error.message).toMatch(
      /place 0 \(Home of passenger P7\) at 10\.50000,42\.10000 is 233158 m from the nearest road/,
    );
  });

  it('names the far place in a table too, whether OSRM says NoSegment or snaps it far away', async () => {
    const places = [
      { lon: 8.85, lat: 45.6, label: 'Castellanza depot' },
      { lon: 8.9, lat: 45.62, label: 'CDD Legnano' },
      { lon: 12.5, lat: 41.9, label: 'Typo: Rome instead of Gallarate' },
    ];
    const osrm = await serve(syntheticOsrm({ maxTableSize: 100 }));
    const withRadiuses = await failure(provider(osrm.url).matrix(places));
    expect(withRadiuses.message).toContain('place 2 (Typo: Rome instead of Gallarate)');
    expect(withRadiuses.details[0].path).toBe('places.2');
    const sameHomeTwice = [places[0], { ...places[0], label: 'sibling' }, places[2]];
    const afterDuplicate = await failure(provider(osrm.url).matrix(sameHomeTwice));
    expect(afterDuplicate.message).toContain('place 2 (Typo: Rome instead of Gallarate)');
    expect(afterDuplicate.details[0].path).toBe('places.2');
    const noRadiuses = await serve((request) => {
      request.params.delete('radiuses');
      return syntheticOsrm({ maxTableSize: 100 })(request);
    });
    const snappedFar = await failure(provider(noRadiuses.url).matrix(places));
    expect(snappedFar.message).toMatch(/place 2 \(Typo: Rome instead of Gallarate\) .* 233158 m/);
  });

  it("passes OSRM's own message on for an invalid query", async () => {
    const invalid = osrmFixture('invalid_query_annotations_plural') as { message: string };
    const osrm = await serve(() => ({ status: 400, body: invalid }));
    const error = await failure(provider(osrm.url).matrix(MONACO_PLACES));
    expect(error.code).toBe('ROUTING_FAILED');
    expect(error.message).toContain('InvalidQuery');
    expect(error.message).toContain(invalid.message);
    expect(osrm.requests).toHaveLength(1);
  });

  it('reports an unreachable pair by name instead of inventing a time', async () => {
    const places = [
      { lon: 8.85, lat: 45.6, label: 'Depot' },
      { lon: 8.9, lat: 45.62, label: 'School' },
      { lon: 8.88, lat: 45.7, label: 'Farm on a private road' },
    ];
    const cut = new Set(['8.88,45.7>8.85,45.6', '8.88,45.7>8.9,45.62', '8.85,45.6>8.88,45.7', '8.9,45.62>8.88,45.7']);
    const osrm = await serve(syntheticOsrm({ maxTableSize: 100, unreachable: cut }));
    const error = await failure(provider(osrm.url).matrix(places));
    expect(error.code).toBe('ROUTING_FAILED');
    expect(error.message).toContain('4 pair(s)');
    expect(error.message).toContain('place 2 (Farm on a private road) at 8.88000,45.70000 looks cut off');
  });

  it('says clearly that OSRM is down when the connection is refused, after retrying', async () => {
    const url = await closedPortUrl();
    const error = await failure(provider(url).matrix(MONACO_PLACES));
    expect(error.code).toBe('ROUTING_UNAVAILABLE');
    expect(error.retryAfterS).toBeGreaterThan(0);
    expect(error.message).toContain(
      `OSRM at ${url} did not answer the table request after 3 attempt(s) (ECONNREFUSED)`,
    );
  });

  it('retries a server error with backoff and succeeds when OSRM recovers', async () => {
    let calls = 0;
    const healthy = monacoOsrm();
    const osrm = await serve((request) => (++calls <= 2 ? { status: 502, body: 'Bad Gateway' } : healthy(request)));
    const result = await provider(osrm.url).matrix(MONACO_PLACES);
    expect(osrm.requests).toHaveLength(3);
    expect(result.durationsS).toEqual(table4.durations);
  });

  it('gives up on a server that accepts the connection but never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const error = await failure(
        provider(`http://127.0.0.1:${port}`, { timeoutMs: 100, retries: 1 }).snap(MONACO_PLACES[0]),
      );
      expect(error.code).toBe('ROUTING_UNAVAILABLE');
      expect(error.message).toContain('after 2 attempt(s) (timed out)');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('rejects a place that is not a coordinate before asking OSRM', async () => {
    const osrm = await serve(monacoOsrm());
    const error = await failure(
      provider(osrm.url).matrix([MONACO_PLACES[0], { lon: Number.NaN, lat: 45, label: 'Via Roma 3' }]),
    );
    expect(error.code).toBe('REQUEST_INVALID');
    expect(error.message).toContain('places.1 (Via Roma 3)');
    expect(osrm.requests).toHaveLength(0);
  });
});
