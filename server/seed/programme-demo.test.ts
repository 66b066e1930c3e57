import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPgliteDb } from '../db/pglite-db.ts';
import { loadProgrammeData } from '../programme/programme-data.ts';
import { budgetView } from '../reports/budget.ts';
import { monitoringReport, monitoringTable } from '../reports/monitoring.ts';
import { voucherBalance } from '../vouchers/balance.ts';
import { seedDemo } from './demo.ts';

// The demo seeded for ISO week 2026-W49 (as `npm run report -- --to 2026-11-30` does): its
// history covers the five weeks before, 26 October – 29 November 2026.
let db: Db;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
  seeded = await seedDemo(db, { week: '2026-W49', now: new Date('2026-11-27T09:00:00Z') });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe("Action A's demo data", () => {
  it('has organisations, providers, grants, pending requests and a month of delivered trips with no-shows', () => {
    const p = seeded.programme!;
    expect(p.organisations).toBeGreaterThanOrEqual(10);
    expect(p.providers).toBe(3);
    expect(p.pending).toBe(3);
    expect(p.grants).toBeGreaterThanOrEqual(20);
    expect(p.deliveredTrips).toBeGreaterThan(3000);
    expect(p.noShows).toBeGreaterThan(20);
  });

  it("November 2026's report has content in every Ambito, a no-show warning and conciliation hours", async () => {
    const r = await monitoringReport(db, { from: '2026-11-01', to: '2026-11-30' });
    expect(new Set(r.byAmbito.map((x) => x.ambito))).toEqual(new Set(['Castellanza', 'Somma Lombardo']));
    expect(r.byComune.length).toBeGreaterThanOrEqual(16);
    expect(r.total.tripsDelivered).toBeGreaterThan(2000);
    expect(r.total.conciliationMin).toBeGreaterThan(0);
    expect(r.noShowWarnings.length).toBeGreaterThanOrEqual(1);
    expect(monitoringTable(r)).toMatch(/Ferno/);
  });

  it('some vouchers are nearly spent; the budget covers a plausible number of weeks', async () => {
    const data = await loadProgrammeData(db);
    const balances = [];
    for (const g of data.grants) balances.push(await voucherBalance(db, data, g.householdId, '2026-11-30'));
    const nearly = balances.filter((b) => b.balanceCents < b.amountCents * 0.15);
    expect(nearly.length).toBeGreaterThanOrEqual(3);
    const b = await budgetView(db, '2026-11-30');
    expect(b.rateSource).toBe('delivered trips');
    expect(b.weeksCovered).toBeGreaterThanOrEqual(4);
    expect(b.weeksCovered).toBeLessThanOrEqual(52);
  });
});
