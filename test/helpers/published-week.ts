/**
 * The set-up of the API tests that need a published week: the test app on a fixed clock, a
 * week's entities stored, and its plan solved (seed 1) and published as version 1 on the
 * estimate provider; plus the tiny week as the test families see it.
 */
import type { Scenario } from '../../server/contract/domain.ts';
import { appendVersion, ensurePlan } from '../../server/plan-store/plan-store.ts';
import { planWeek } from '../../server/planning/plan-week.ts';
import { tinyRouting } from '../../server/planning/testing/tiny-context.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import { startTestApp, type TestApp } from './app.ts';
import { storeWeek } from './stored-week.ts';

/**
 * The tiny week with the Bianchi household as the test family "hh-a" and the Rossi as "hh-b";
 * Nina Bianchi (p6) has no trips yet.
 */
export function familiesTinyWeek(): Scenario {
  const data = tinyWeek();
  const rename: Record<string, string> = { h2: 'hh-a', h1: 'hh-b' };
  for (const h of data.households) h.id = rename[h.id] ?? h.id;
  for (const p of data.passengers) p.householdId = rename[p.householdId] ?? p.householdId;
  data.passengers.push({ ...data.passengers[1], id: 'p6', name: 'Nina B.' });
  return data;
}

/** Starts the test app at `now` with `data` stored and its week's plan published; returns the plan's id. */
export async function startPublishedWeek(data: Scenario, now: Date): Promise<{ t: TestApp; planId: string }> {
  const t = await startTestApp({ routing: tinyRouting, clock: { now: () => new Date(now) } });
  await storeWeek(t.db, data);
  const planId = await ensurePlan(t.db, data.week);
  const plan = await planWeek(
    { data, week: data.week },
    { routing: tinyRouting, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 300, now: () => performance.now() },
  );
  await appendVersion(t.db, planId, { baseVersion: 0, status: 'published', reason: 'publish', plan });
  return { t, planId };
}
