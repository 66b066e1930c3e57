import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { parseRoutingConfig } from './config.ts';
import { createRoutingProvider } from './create-routing-provider.ts';
import { osrmFixture, startFakeOsrm, type FakeOsrm, type OsrmHandler } from './testing/fake-osrm-server.ts';
import { openMemoryDb } from './testing/memory-db.ts';
import { MONACO_PLACES, monacoOsrm } from './testing/monaco-osrm.ts';
import { openPostgresTestDb, postgresReachable } from './testing/postgres-db.ts';
import { syntheticOsrm } from './testing/synthetic-osrm.ts';
import { varesePlaces } from './testing/varese-places.ts';

const inCi = process.env.CI === 'true';
const postgresUp = await postgresReachable();
if (inCi && !postgresUp)
  throw new Error('CI=true: the matrix cache must be tested on PostgreSQL at 127.0.0.1:5432, which is not reachable');

const backends: { name: string; open: () => Promise<Db>; skip: boolean }[] = [
  { name: 'PGlite', open: openMemoryDb, skip: false },
  // Without CI, a machine with no PostgreSQL runs the PGlite half only.
  { name: 'PostgreSQL', open: openPostgresTestDb, skip: !postgresUp },
];

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function osrm(handler: OsrmHandler): Promise<FakeOsrm> {
  const server = await startFakeOsrm(handler);
  opened.push(server);
  return server;
}

function routing(url: string, { db, dataset }: { db: Db; dataset: string }, env: Record<string, string> = {}) {
  const config = parseRoutingConfig({
    OSRM_URL: url,
    OSRM_DATASET: dataset,
    ROUTING_DURATION_FACTOR: '1',
    ROUTING_RUSH_HOURS: 'none',
    OSRM_RETRIES: '0',
    ...env,
  });
  return createRoutingProvider(config, db);
}

const table4 = osrmFixture('monaco_table_4x4') as { durations: number[][]; distances: number[][] };

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the OSRM matrix cache on ${backend.name}`, () => {
    // One database per backend (PGlite takes seconds to start); each test its own data set.
    let shared: Db;
    let tests = 0;
    beforeAll(async () => {
      shared = await backend.open();
    });
    afterAll(async () => {
      await shared?.close();
    });
    const database = async () => ({ db: shared, dataset: `test-${++tests}` });

    it('answers a re-plan of an unchanged week without a single OSRM request, even after a restart', async () => {
      const server = await osrm(syntheticOsrm({ maxTableSize: 100 }));
      const db = await database();
      // A demo week: about 120 homes, their services and depots — 150 places, 4 OSRM blocks.
      const week = varesePlaces(150);
      const first = await routing(server.url, db).matrix(week);
      expect(server.requests.length).toBe(4);

      const asked = server.requests.length;
      const again = await routing(server.url, db).matrix(week);
      expect(server.requests.length - asked).toBe(0);
      expect(again.durationsS).toEqual(first.durationsS);
      expect(again.distancesM).toEqual(first.distancesM);
      expect(again.provider).toBe('osrm');

      const reordered = [...week].reverse();
      const flipped = await routing(server.url, db).matrix(reordered);
      expect(server.requests.length - asked).toBe(0);
      expect(flipped.durationsS[0][149]).toBe(first.durationsS[149][0]);
    });

    it('asks only for the row and the column of a home added to cached places', async () => {
      const server = await osrm(monacoOsrm());
      const db = await database();
      const provider = routing(server.url, db);
      await provider.matrix(MONACO_PLACES.slice(1));
      expect(server.requests).toHaveLength(1);

      const withNewHome = await provider.matrix(MONACO_PLACES);
      const added = server.requests.slice(1);
      expect(added.map((r) => [r.sources.length, r.destinations.length])).toEqual([
        [1, 3],
        [3, 1],
      ]);
      expect(withNewHome.durationsS).toEqual(table4.durations);
      expect(withNewHome.distancesM).toEqual(table4.distances);
    });

    it('asks once for two passengers from the same home', async () => {
      const server = await osrm(syntheticOsrm({ maxTableSize: 100 }));
      const db = await database();
      const [home, school] = varesePlaces(2);
      const sibling = { ...home, lon: home.lon + 1e-7, label: 'sibling, same home' };
      const result = await routing(server.url, db).matrix([home, school, sibling]);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].coordinates).toHaveLength(2);
      expect(result.durationsS[2][1]).toBe(result.durationsS[0][1]);
      expect(result.durationsS[0][2]).toBe(0);
    });

    it('does not reuse times from another OSRM data set', async () => {
      const server = await osrm(syntheticOsrm({ maxTableSize: 100 }));
      const db = await database();
      const places = varesePlaces(5);
      await routing(server.url, db, { OSRM_DATASET: `${db.dataset}-2026-11-01` }).matrix(places);
      await routing(server.url, db, { OSRM_DATASET: `${db.dataset}-2026-11-01` }).matrix(places);
      expect(server.requests).toHaveLength(1);
      await routing(server.url, db, { OSRM_DATASET: `${db.dataset}-2026-12-01` }).matrix(places);
      expect(server.requests).toHaveLength(2);
    });

    it('applies the minibus and rush-hour factors on top of cached car times', async () => {
      const server = await osrm(monacoOsrm());
      const db = await database();
      await routing(server.url, db).matrix(MONACO_PLACES);
      const slow = await routing(server.url, db, {
        ROUTING_DURATION_FACTOR: '1.5',
        ROUTING_RUSH_HOURS: '07:30-09:00=1.2',
      }).matrix(MONACO_PLACES, { departureS: 8 * 3600 });
      expect(server.requests).toHaveLength(1);
      expect(slow.durationFactor).toBeCloseTo(1.8);
      expect(slow.durationsS[0][1]).toBeCloseTo(table4.durations[0][1] * 1.8, 1);
      expect(slow.distancesM).toEqual(table4.distances);
    });
  });
}
