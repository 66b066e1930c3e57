/**
 * Escorts over HTTP: the coordinator keeps an escort with her shifts, says children travel only
 * with an escort aboard, and plans the tiny week through the plan job: children ride only on
 * runs with the escort (the independent checker agrees), the others are unserved with
 * ESCORT_MISSING, and the escort's day lists the runs she rides and whom she looks after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanSchema, type Plan } from '../../server/contract/plan.ts';
import type { Escort } from '../../server/contract/safeguarding.ts';
import { needsEscortAboard } from '../../server/escorts/escort-rules.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import { createAccount } from '../../server/accounts/accounts.ts';
import { passwordOf, type TestSession } from '../helpers/app.ts';
import { checkPlan } from '../helpers/plan-checker.ts';
import { type PlansApp, startPlansApp } from './plans-harness.ts';

let t: PlansApp;
let coord: TestSession;
const morning = { from: '07:00', to: '10:30' };
const elisa: Escort = {
  id: 'esc-elisa',
  name: 'Elisa',
  phone: '+39 333 9999999',
  qualifications: ['first aid'],
  shifts: { mon: morning, tue: morning, thu: morning, fri: morning },
  maxHoursPerWeek: 20,
};
const rules = { assistanceFlag: true, ageGroups: ['child' as const] };

beforeAll(async () => {
  t = await startPlansApp();
  coord = await t.login('coordinator');
});
afterAll(async () => {
  await t?.close();
});

describe('escorts', () => {
  it('only the coordinator keeps escorts; a shift that ends before it starts names the field', async () => {
    const driver = await t.login('driver');
    expect((await driver.fetch('/api/escorts')).status).toBe(403);
    const bad = await coord.fetch('/api/escorts/esc-elisa', {
      method: 'PUT',
      json: { ...elisa, shifts: { mon: { from: '10:00', to: '09:00' } } },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('shifts.mon.to');
    expect((await coord.fetch('/api/escorts/esc-elisa', { method: 'PUT', json: elisa })).status).toBe(200);
    expect(await (await coord.fetch('/api/escorts')).json()).toEqual([elisa]);
  });

  it('the plan job puts children only on runs with the escort and names the missing escort for the rest', async () => {
    const settings = await coord.fetch('/api/safeguarding/settings', {
      method: 'PUT',
      json: {
        retentionDays: 365,
        waitMinutes: 10,
        safePlaces: [{ id: 'service', label: 'The service', phone: '' }],
        extraCallNumbers: [],
        escortRules: rules,
      },
    });
    expect(settings.status).toBe(200);
    const res = await coord.fetch('/api/plans', { method: 'POST', json: { week: '2026-W49', timeLimitMs: 3000 } });
    expect(res.status).toBe(202);
    const { planId, jobId } = await res.json();
    let state = '';
    for (let i = 0; i < 300 && state !== 'completed'; i++) {
      state = ((await (await coord.fetch(`/api/jobs/${jobId}`)).json()) as { state: string }).state;
      expect(state).not.toBe('failed');
      if (state !== 'completed') await new Promise((r) => setTimeout(r, 100));
    }
    const plan: Plan = PlanSchema.parse(await (await coord.fetch(`/api/plans/${planId}`)).json());
    const data = tinyWeek();
    const children = new Set(data.passengers.filter((p) => p.ageGroup === 'child').map((p) => p.id));
    const childRoutes = plan.days.flatMap((d) =>
      d.routes.filter((r) => r.stops.some((s) => s.boards.some((b) => children.has(b.passengerId)))),
    );
    expect(childRoutes.length).toBeGreaterThan(0);
    expect(new Set(childRoutes.map((r) => r.escortId))).toEqual(new Set(['esc-elisa']));
    const missing = plan.unserved.filter((u) => u.reason === 'ESCORT_MISSING');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((u) => children.has(u.passengerId))).toBe(true);
    expect(missing.some((u) => u.date === '2026-12-02' && /no escort is on duty/.test(u.message))).toBe(true);
    const violations = checkPlan(plan, {
      ...data,
      escorts: { list: [elisa], needsEscortAboard: (p, date) => needsEscortAboard(p, rules, date) },
    });
    expect(violations.filter((v) => v.code === 'ESCORT')).toEqual([]);

    const published = await coord.fetch(`/api/plans/${planId}/publish`, {
      method: 'POST',
      json: { version: plan.version },
    });
    expect(published.status).toBe(200);
    const day = await (await coord.fetch('/api/escorts/esc-elisa/day/2026-11-30')).json();
    expect(day.runs.length).toBeGreaterThan(0);
    const looked = day.runs.flatMap((r: { passengers: { passengerId: string; needsEscortAboard: boolean }[] }) =>
      r.passengers.filter((p) => p.needsEscortAboard).map((p) => p.passengerId),
    );
    expect(looked.length).toBeGreaterThan(0);
    expect(looked.every((id: string) => children.has(id))).toBe(true);

    // Elisa logs in as an escort: her own day is the same; she cannot manage escorts.
    await createAccount(t.db, {
      username: 'escort',
      password: passwordOf('escort'),
      role: 'escort',
      escortId: 'esc-elisa',
    });
    const me = await t.login('escort');
    expect(await (await me.fetch('/api/escorts/me/day/2026-11-30')).json()).toEqual(day);
    expect((await me.fetch('/api/escorts')).status).toBe(403);
    expect((await me.fetch('/api/escorts/esc-elisa/day/2026-11-30')).status).toBe(403);
    // Another escort's account sees none of Elisa's runs.
    await createAccount(t.db, {
      username: 'escort2',
      password: passwordOf('escort2'),
      role: 'escort',
      escortId: 'esc-other',
    });
    const other = await t.login('escort2' as 'escort');
    expect((await (await other.fetch('/api/escorts/me/day/2026-11-30')).json()).runs).toEqual([]);
  });
});
