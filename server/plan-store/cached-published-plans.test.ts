import { describe, expect, it } from 'vitest';
import type { Plan } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';
import { cachedPublishedPlans } from './cached-published-plans.ts';
import type { PublishedPlans } from './published-port.ts';

function store(): PublishedPlans & { reads: number; version: number } {
  const s = {
    reads: 0,
    version: 1,
    forDate: async (date: string) => {
      s.reads++;
      return { id: `plan-${date}`, version: s.version } as unknown as Plan;
    },
    removePassengerFromDate: async () => {
      s.version++;
      return 2;
    },
  };
  return s;
}

describe('published plan cache', () => {
  it('many phones asking at once cause one read; a newly published version shows after the TTL', async () => {
    let now = 0;
    const inner = store();
    const cached = cachedPublishedPlans(inner, { now: () => new Date(now) }, 1000);
    const plans = await Promise.all(Array.from({ length: 50 }, () => cached.forDate('2026-12-01')));
    expect(inner.reads).toBe(1);
    expect(plans.every((p) => p?.version === 1)).toBe(true);
    inner.version = 2;
    now = 999;
    expect((await cached.forDate('2026-12-01'))?.version).toBe(1);
    now = 1000;
    expect((await cached.forDate('2026-12-01'))?.version).toBe(2);
  });

  it('an absence recorded through the cache is visible at once on that date', async () => {
    const inner = store();
    const cached = cachedPublishedPlans(inner, { now: () => new Date(0) }, 60_000);
    expect((await cached.forDate('2026-12-01'))?.version).toBe(1);
    expect(await cached.removePassengerFromDate({} as Db, 'p1', '2026-12-01')).toBe(2);
    expect((await cached.forDate('2026-12-01'))?.version).toBe(2);
  });
});
