import { afterEach, describe, expect, it } from 'vitest';
import { OsrmProvider } from './osrm/osrm-provider.ts';
import { ShapeMemo } from './shape-memo.ts';
import { startFakeOsrm, type FakeOsrm } from './testing/fake-osrm-server.ts';
import { MONACO_PLACES, monacoOsrm } from './testing/monaco-osrm.ts';

let osrm: FakeOsrm | undefined;
afterEach(async () => {
  await osrm?.close();
});

describe('redrawing route shapes on the map', () => {
  it('asks OSRM once for a route drawn twice, and again for a route no longer remembered', async () => {
    osrm = await startFakeOsrm(monacoOsrm());
    const provider = new OsrmProvider({
      baseUrl: osrm.url,
      profile: 'driving',
      timeoutMs: 2000,
      retries: 0,
      retryBaseMs: 0,
      maxTableSize: 100,
      maxRouteSize: 500,
      maxSnapM: 500,
    });
    const memo = new ShapeMemo(provider, 2);
    const [a, b, c, d] = MONACO_PLACES;
    const first = await memo.shape([a, d]);
    const again = await memo.shape([{ ...a, label: 'same place, other label' }, d]);
    expect(again).toEqual(first);
    expect(osrm.requests).toHaveLength(1);

    await memo.shape([b, c]);
    await memo.shape([c, b]);
    await memo.shape([a, d]);
    expect(osrm.requests).toHaveLength(4);
  });
});
