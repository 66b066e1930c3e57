/**
 * The suite's date-dependent API stories with the server's clock a year ahead of the suite's
 * pinned instant: the demo week is moved to the coming week of that clock, planned, published,
 * read by family and driver, asked for slots without naming a week, and an absence is reported
 * (and one in the past refused). Nothing here reads the wall clock, so it passes on any date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekDates } from '../../server/domain/calendar.ts';
import { romeToday } from '../../server/contract/calendar.ts';
import { comingWeek } from '../../server/seed/shift-week.ts';
import type { Plan } from '../../server/contract/plan.ts';
import { E2E_NOW, startDemoApp, type DemoApp } from '../e2e/demo-app.ts';

const A_YEAR_LATER = new Date(E2E_NOW.getTime() + 365 * 86_400_000);

/** Logs in an account added with DemoApp.addAccount (password: the username + "-pw"). */
async function loginAs(app: DemoApp, username: string) {
  const res = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-pw` }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return (path: string, init: { method?: string; json?: unknown } = {}) =>
    fetch(app.baseUrl + path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
}

describe('date-dependent API stories with the clock a year ahead', () => {
  let app: DemoApp;
  let plan: Plan;
  let householdId: string;
  let passengerId: string;

  beforeAll(async () => {
    app = await startDemoApp({ now: A_YEAR_LATER, web: false });
    const coordinator = await app.login('coordinator');
    plan = await app.publish(coordinator, await app.planWeek(coordinator));
    // A passenger who travels in the planned week (day centres run all year; the school
    // calendar in fixtures/calendar covers only the school years it lists).
    const travelling = new Set(
      plan.days.flatMap((d) => d.routes.flatMap((r) => r.stops.flatMap((s) => s.boards.map((b) => b.passengerId)))),
    );
    const passenger = app.scenario.passengers.find((p) => travelling.has(p.id))!;
    householdId = passenger.householdId;
    passengerId = passenger.id;
    await app.addAccount('famiglia-futura', { role: 'family', householdId });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('the demo sits in the coming week of the clock, not in the file’s week', () => {
    expect(app.scenario.week).toBe(comingWeek(A_YEAR_LATER));
    expect(app.scenario.week).toBe('2027-W48');
    expect(plan.week).toBe(app.scenario.week);
    expect(plan.days.reduce((n, d) => n + d.routes.reduce((m, r) => m + r.stops.length, 0), 0)).toBeGreaterThan(0);
  });

  it('the family reads its trips of the week and reports an absence; one in the past is refused', async () => {
    const f = await loginAs(app, 'famiglia-futura');
    const trips = (await (await f(`/api/family/trips?week=${app.scenario.week}`)).json()) as {
      trips: { passengerId: string; date: string }[];
    };
    expect(trips.trips.length).toBeGreaterThan(0);
    const tuesday = isoWeekDates(app.scenario.week)[1]!;
    const ok = await f('/api/family/absences', { method: 'POST', json: { passengerId, date: tuesday } });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const yesterday = addDays(romeToday(app.clock.now()), -1);
    const past = await f('/api/family/absences', { method: 'POST', json: { passengerId, date: yesterday } });
    expect(past.status).toBe(400);
    expect(JSON.stringify(await past.json())).toContain('date');
  });

  it('a slot query without a week is answered against the coming published week', async () => {
    const c = await app.login('coordinator');
    const request = app.scenario.requests.find((r) => r.passengerId === passengerId)!;
    const res = await c.fetch('/api/slots/query', {
      method: 'POST',
      json: { passengerId, serviceId: request.serviceId, weekdays: ['mon', 'wed'] },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).week).toBe(app.scenario.week);
  });

  it('a driver reads the run of a day of that week', async () => {
    const day = plan.days.find((d) => d.routes.some((r) => r.driverId && r.stops.length > 0))!;
    const route = day.routes.find((r) => r.driverId && r.stops.length > 0)!;
    await app.addAccount('autista-futuro', { role: 'driver', driverId: route.driverId! });
    const d = await loginAs(app, 'autista-futuro');
    const run = await (await d(`/api/driver/runs/${day.date}`)).json();
    expect(run.route.stops.length).toBeGreaterThan(0);
  });
});
