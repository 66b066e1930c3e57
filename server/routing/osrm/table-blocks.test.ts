import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { placeKey } from '../../contract/place-key.ts';
import { startFakeOsrm, type FakeOsrm } from '../testing/fake-osrm-server.ts';
import { syntheticCell, syntheticOsrm } from '../testing/synthetic-osrm.ts';
import { varesePlaces } from '../testing/varese-places.ts';
import { OsrmProvider } from './osrm-provider.ts';

const servers: FakeOsrm[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function osrmWithTableSize(serverMax: number, clientMax: number) {
  const server = await startFakeOsrm(syntheticOsrm({ maxTableSize: serverMax }));
  servers.push(server);
  const provider = new OsrmProvider({
    baseUrl: server.url,
    profile: 'driving',
    timeoutMs: 5000,
    retries: 0,
    retryBaseMs: 0,
    maxTableSize: clientMax,
    maxRouteSize: 500,
    maxSnapM: 500,
  });
  return { server, provider };
}

describe('a matrix larger than the OSRM --max-table-size', () => {
  const places = varesePlaces(250);

  it('is split into blocks within the limit that merge into the same matrix as one big call', async () => {
    expect(new Set(places.map(placeKey)).size).toBe(250);
    const big = await osrmWithTableSize(1000, 1000);
    const oneCall = await big.provider.matrix(places);
    expect(big.server.requests).toHaveLength(1);

    const small = await osrmWithTableSize(100, 100);
    const blocks = await small.provider.matrix(places);
    expect(small.server.requests).toHaveLength(9);
    for (const r of small.server.requests)
      expect(r.sources.length * r.destinations.length).toBeLessThanOrEqual(100 * 100);

    expect(blocks.durationsS).toEqual(oneCall.durationsS);
    expect(blocks.distancesM).toEqual(oneCall.distancesM);
    for (const [i, j] of [
      [0, 1],
      [1, 0],
      [17, 230],
      [230, 17],
      [99, 100],
      [249, 0],
    ]) {
      const expected = syntheticCell([places[i].lon, places[i].lat], [places[j].lon, places[j].lat]);
      expect(blocks.durationsS[i][j]).toBe(expected.durationS);
      expect(blocks.distancesM[i][j]).toBe(expected.distanceM);
    }
    expect(blocks.durationsS[17][230]).not.toBe(blocks.durationsS[230][17]);
  });

  it("is refused by OSRM (TooBig) when the configured size exceeds the server limit, with OSRM's message", async () => {
    const { provider } = await osrmWithTableSize(100, 250);
    const error = await provider.matrix(places).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('TooBig: Too many table coordinates');
  });
});
