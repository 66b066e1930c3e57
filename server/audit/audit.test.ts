import { describe, expect, it } from 'vitest';
import type { User } from '../auth/context.ts';
import type { Db } from '../db/db.ts';
import { READ_COALESCE_MS, audit } from './audit.ts';

function fakeDb(): Db & { inserts: unknown[][] } {
  const inserts: unknown[][] = [];
  return {
    kind: 'pglite',
    inserts,
    query: async (_sql: string, params?: unknown[]) => {
      inserts.push(params ?? []);
      return { rows: [] };
    },
    transaction: async (fn) => fn(fakeDb()),
    close: async () => undefined,
  } as Db & { inserts: unknown[][] };
}

const driver: User = {
  id: 'u1',
  username: 'autista',
  role: 'driver',
  displayName: 'A',
  driverId: 'd1',
  householdId: null,
};

describe('audit log', () => {
  it('a phone re-reading the same run within a minute is recorded once; a later read and every change are recorded', async () => {
    const db = fakeDb();
    let now = 0;
    const clock = { now: () => new Date(now) };
    await audit(db, clock, driver, 'read', 'driver_run', 'd1/2026-12-01');
    now = 5_000;
    await audit(db, clock, driver, 'read', 'driver_run', 'd1/2026-12-01');
    await audit(db, clock, driver, 'read', 'driver_run', 'd1/2026-12-02');
    await audit(db, clock, driver, 'event', 'stop', 's1');
    await audit(db, clock, driver, 'event', 'stop', 's1');
    now = READ_COALESCE_MS + 1;
    await audit(db, clock, driver, 'read', 'driver_run', 'd1/2026-12-01');
    expect(db.inserts.map((p) => `${p[4]} ${p[6]}`)).toEqual([
      'read d1/2026-12-01',
      'read d1/2026-12-02',
      'event s1',
      'event s1',
      'read d1/2026-12-01',
    ]);
  });
});
