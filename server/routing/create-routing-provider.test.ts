import { afterEach, describe, expect, it } from 'vitest';
import { parseRoutingConfig } from './config.ts';
import { createRoutingProvider } from './create-routing-provider.ts';
import { startFakeOsrm, type FakeOsrm } from './testing/fake-osrm-server.ts';
import { MONACO_PLACES, monacoOsrm } from './testing/monaco-osrm.ts';

const servers: FakeOsrm[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const homes = [
  { lon: 8.8958, lat: 45.6103, label: 'Castellanza' },
  { lon: 8.7069, lat: 45.6846, label: 'Somma Lombardo' },
];

describe('choosing the routing provider from the configuration', () => {
  for (const [story, env] of [
    ['OSRM_URL is unset', {}],
    ['OSRM_URL is empty, as docker-compose writes "none"', { OSRM_URL: '' }],
  ] as const) {
    it(`plans with estimated times, labelled as such, when ${story}`, async () => {
      const provider = createRoutingProvider(parseRoutingConfig(env));
      expect(provider.name).toBe('estimate');
      const matrix = await provider.matrix(homes);
      expect(matrix.provider).toBe('estimate');
      expect(matrix.durationsS[0][1]).toBeGreaterThan(0);
      const shape = await provider.shape(homes);
      expect(shape).toMatchObject({ provider: 'estimate', estimated: true });
    });
  }

  it('uses OSRM, and says so, when OSRM_URL is set', async () => {
    const osrm = await startFakeOsrm(monacoOsrm());
    servers.push(osrm);
    const provider = createRoutingProvider(parseRoutingConfig({ OSRM_URL: osrm.url }));
    expect(provider.name).toBe('osrm');
    const matrix = await provider.matrix(MONACO_PLACES);
    expect(matrix.provider).toBe('osrm');
    expect(matrix.durationFactor).toBe(1.15);
    const shape = await provider.shape([MONACO_PLACES[0], MONACO_PLACES[3]]);
    expect(shape).toMatchObject({ provider: 'osrm', estimated: false });
    expect(osrm.requests.map((r) => r.service)).toEqual(['table', 'route']);
  });
});
