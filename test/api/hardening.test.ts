/**
 * Issue 13 over HTTP: bad input is a 400 naming the field (calendar values, instants, NUL and
 * lone surrogates, reserved ids, integers beyond the column range), a plan for a week that does
 * not exist leaves no row; login cannot be sprayed or bypassed with a forged X-Forwarded-For;
 * weak passwords are refused; sessions end when idle (and, configured, on a new login); the
 * audit log records logins with their source, logouts, plan work, slot queries, exports and list
 * filters; the slot query refuses a home outside the 16 comuni; CSV exports neutralise formulas.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedQueue } from '../../server/queue/embedded-queue.ts';
import { seedPublishedAndDraft, seedWorld } from '../helpers/world.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

const START = new Date('2026-11-25T09:00:00+01:00').getTime();

async function rawLogin(t: TestApp, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
const fieldsOf = async (res: Response) =>
  ((await res.json()) as { error: { details?: { path: string }[] } }).error.details?.map((d) => d.path) ?? [];

describe('no 500 for bad input: a 400 naming the field', () => {
  let t: TestApp;
  beforeAll(async () => {
    const overrides: NonNullable<Parameters<typeof startTestApp>[0]> = {
      clock: { now: () => new Date(START) },
      setup: async (db) => {
        await seedWorld(db);
        await seedPublishedAndDraft(db);
        // A real queue that takes the job (no consumer: nothing is solved here).
        queue = new EmbeddedQueue({ db, name: `hardening-${randomUUID()}`, attempts: 1, backoffMs: 100 });
        await queue.started();
        overrides.queue = queue;
      },
    };
    t = await startTestApp(overrides);
  });
  afterAll(async () => {
    await queue?.close();
    await t?.close();
  });
  let queue: EmbeddedQueue | undefined;

  it('plan creation, publication, slot queries, list filters and exports are audited with what was asked', async () => {
    const c = await t.login('coordinator');
    expect(
      (await c.fetch('/api/plans', { method: 'POST', json: { week: '2026-W50', timeLimitMs: 1000 } })).status,
    ).toBe(202);
    expect((await c.fetch('/api/plans/plan-2026-W49/publish', { method: 'POST', json: { version: 2 } })).status).toBe(
      200,
    );
    expect((await c.fetch('/api/passengers?q=Ros')).status).toBe(200);
    expect((await c.fetch('/api/passengers.csv')).status).toBe(200);
    const slot = await c.fetch('/api/slots/query', {
      method: 'POST',
      json: { week: '2026-W49', passengerId: 'pa-1', serviceId: 'svc-cdd', weekdays: ['tue'] },
    });
    expect(slot.status).toBeLessThan(500);
    const { rows } = await t.db.query<{ action: string; entity: string; entity_id: string; details: unknown }>(
      "SELECT action, entity, entity_id, details FROM audit_log WHERE actor_username = 'coordinator' ORDER BY id",
      [],
    );
    const find = (action: string) => rows.find((r) => r.action === action);
    expect(JSON.stringify(find('plan')?.details)).toContain('"week":"2026-W50"');
    expect(find('publish')?.entity_id).toMatch(/^plan-2026-W49\/v\d+$/);
    expect(JSON.stringify(rows.find((r) => r.action === 'list' && r.entity === 'passenger')?.details)).toContain(
      '"q":"Ros"',
    );
    expect(JSON.stringify(find('export')?.details)).toContain('"rows"');
    if (slot.status === 200) expect(JSON.stringify(find('query')?.details)).toContain('"serviceId":"svc-cdd"');
  });

  it('dates and ISO weeks are real calendar values', async () => {
    const c = await t.login('coordinator');
    for (const date of ['2026-02-31', '0000-01-01', '2026-13-01']) {
      const res = await c.fetch(`/api/plans/plan-2026-W49/geojson?date=${date}`);
      expect(res.status, date).toBe(400);
      expect(await fieldsOf(res)).toContain('query.date');
    }
    const d = await t.login('driver');
    expect((await d.fetch('/api/driver/runs/2026-02-30')).status).toBe(400);
  });

  it('a plan for a week that does not exist is 400 and leaves no plan row', async () => {
    const c = await t.login('coordinator');
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plans', [])).rows[0]!.n;
    for (const week of ['2025-W53', '2026-W00', '0000-W01']) {
      const res = await c.fetch('/api/plans', { method: 'POST', json: { week } });
      expect(res.status, week).toBe(400);
      expect(await fieldsOf(res)).toContain('week');
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plans', [])).rows[0]!.n).toBe(before);
  });

  it('stop-event times are real instants in a sane range', async () => {
    const d = await t.login('driver');
    for (const at of ['7117-84-95T25:78:87Z', '2026-12-01T24:10:00+01:00', '0000-12-01T08:00:00Z']) {
      const res = await d.fetch('/api/driver/stops/x-1/events', {
        method: 'POST',
        json: { type: 'arrived', at, clientEventId: 'evt-12345678' },
      });
      expect(res.status, at).toBe(400);
      expect(await fieldsOf(res)).toContain('at');
    }
  });

  it('NUL bytes and lone surrogates are refused in bodies, queries and paths; nothing is written', async () => {
    const c = await t.login('coordinator');
    const household = await (await c.fetch('/api/households/hh-a')).json();
    for (const name of ['Ros\u0000si', 'Rossi\ud800']) {
      const res = await c.fetch('/api/households/hh-a', { method: 'PUT', json: { ...household, name } });
      expect(res.status).toBe(400);
      expect(await fieldsOf(res)).toContain('name');
    }
    expect((await (await c.fetch('/api/households/hh-a')).json()).name).toBe(household.name);
    const q = await c.fetch('/api/passengers?q=%00');
    expect(q.status).toBe(400);
    expect(await fieldsOf(q)).toContain('query.q');
    const lone = await c.fetch('/api/passengers/%ED%A0%80');
    expect(lone.status).toBe(400);
    const nul = await c.fetch('/api/passengers/a%00b');
    expect(nul.status).toBe(400);
  });

  it('ids "..", "__proto__" and "constructor" are refused', async () => {
    const c = await t.login('coordinator');
    for (const id of ['..', '__proto__', 'constructor']) {
      const res = await c.fetch('/api/passengers', {
        method: 'POST',
        json: { id, name: 'X', householdId: 'hh-a', ageGroup: 'child', mobility: 'walks' },
      });
      expect(res.status, id).toBe(400);
      expect(await fieldsOf(res)).toContain('id');
    }
  });

  it('integers beyond the column range are 400, not a database error', async () => {
    const c = await t.login('coordinator');
    const res = await c.fetch('/api/plans/plan-2026-W49/publish', { method: 'POST', json: { version: 2 ** 40 } });
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toContain('version');
    const header = await c.fetch('/api/plans/plan-2026-W49/publish', {
      method: 'POST',
      headers: { 'if-match': '"v99999999999"' },
      json: {},
    });
    expect(header.status).toBe(400);
  });

  it('a slot query for a home outside the 16 comuni is refused at passenger.home', async () => {
    const c = await t.login('coordinator');
    const res = await c.fetch('/api/slots/query', {
      method: 'POST',
      json: {
        week: '2026-W49',
        serviceId: 'svc-cdd',
        weekdays: ['tue'],
        passenger: { name: 'Nuovo', home: { lat: 45.4642, lon: 9.19, label: 'Piazza Duomo, Milano' } },
      },
    });
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toContain('passenger.home');
  });

  it('a CSV export writes a formula-looking name as text (OWASP CSV injection)', async () => {
    const c = await t.login('coordinator');
    const p = await (await c.fetch('/api/passengers/pa-1')).json();
    expect(
      (await c.fetch('/api/passengers/pa-1', { method: 'PUT', json: { ...p, name: '=HYPERLINK("http://x")' } })).status,
    ).toBe(200);
    const csv = await (await c.fetch('/api/passengers.csv')).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe('login and sessions', () => {
  let now = START;
  const clock = { now: () => new Date(now) };
  let t: TestApp;
  let proxied: TestApp;
  let single: TestApp;
  beforeAll(async () => {
    [t, proxied, single] = await Promise.all([
      startTestApp({ clock, env: { LOGIN_RATE_PER_SOURCE_PER_MIN: '8', SESSION_IDLE_MINUTES: '30' } }),
      startTestApp({ clock, env: { TRUST_PROXY: 'loopback' } }),
      startTestApp({ clock, env: { LOGIN_ENDS_OTHER_SESSIONS: 'true' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), proxied?.close(), single?.close()]);
  });

  it('a forged X-Forwarded-For does not reset the per-account limit (no proxy trusted by default)', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await rawLogin(
        t,
        { username: 'family', password: `wrong-${i}` },
        { 'x-forwarded-for': `10.0.0.${i}` },
      );
      expect(res.status).toBe(401);
    }
    const sixth = await rawLogin(t, { username: 'family', password: 'ylimaf-pw' }, { 'x-forwarded-for': '10.9.9.9' });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBeTruthy();
  });

  it('with TRUST_PROXY=loopback the forwarded address is the source (each address its own limit)', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await rawLogin(proxied, { username: 'family', password: 'x-wrong' }, { 'x-forwarded-for': '10.0.0.1' }))
          .status,
      ).toBe(401);
    expect(
      (await rawLogin(proxied, { username: 'family', password: 'x-wrong' }, { 'x-forwarded-for': '10.0.0.1' })).status,
    ).toBe(429);
    expect(
      (await rawLogin(proxied, { username: 'family', password: 'ylimaf-pw' }, { 'x-forwarded-for': '10.0.0.2' }))
        .status,
    ).toBe(200);
  });

  it('a source is limited across usernames too, and malformed attempts (NUL, lone surrogate) count', async () => {
    now += 120_000; // a fresh window
    const names = ['coordinator', 'driver', 'driver2', 'family2', 'nobody'];
    for (const username of names) expect((await rawLogin(t, { username, password: 'nope-nope' })).status).toBe(401);
    const nul = await rawLogin(t, { username: 'driver', password: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(await fieldsOf(nul)).toContain('password');
    expect((await rawLogin(t, { username: 'x\ud800', password: 'p' })).status).toBe(400);
    expect((await rawLogin(t, { username: 'zeta', password: 'nope-nope' })).status).toBe(401);
    // 8 failures from this address: the 9th is refused even with a right password for a fresh username.
    const blocked = await rawLogin(t, { username: 'family2', password: '2ylimaf-pw' });
    expect(blocked.status).toBe(429);
    now += 61_000;
    expect((await rawLogin(t, { username: 'family2', password: '2ylimaf-pw' })).status).toBe(200);
  });

  it('logins (with their source), failures and logouts are in the audit log', async () => {
    now += 120_000;
    await rawLogin(t, { username: 'driver2', password: 'wrong-pass' });
    const c = await t.login('coordinator');
    expect((await c.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    const { rows } = await t.db.query<{
      action: string;
      actor_username: string;
      source: string | null;
      details: unknown;
    }>("SELECT action, actor_username, source, details FROM audit_log WHERE entity = 'session' ORDER BY id", []);
    const failed = rows.find((r) => r.action === 'login_failed' && r.actor_username === 'driver2');
    expect(failed?.source).toMatch(/127\.0\.0\.1/);
    expect(JSON.stringify(failed?.details)).toContain('wrong password');
    expect(rows.some((r) => r.action === 'login' && r.actor_username === 'coordinator' && r.source)).toBe(true);
    expect(rows.some((r) => r.action === 'logout' && r.actor_username === 'coordinator')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('wrong-pass');
  });

  it('a session unused for SESSION_IDLE_MINUTES has ended; one in use stays', async () => {
    now += 120_000;
    const s = await t.login('driver');
    now += 20 * 60_000;
    expect((await s.fetch('/api/auth/me')).status).toBe(200);
    now += 20 * 60_000; // 20 minutes after the last request: still within 30
    expect((await s.fetch('/api/auth/me')).status).toBe(200);
    now += 31 * 60_000;
    expect((await s.fetch('/api/auth/me')).status).toBe(401);
  });

  it('with LOGIN_ENDS_OTHER_SESSIONS a new login ends the older sessions', async () => {
    const first = await single.login('family');
    expect((await first.fetch('/api/auth/me')).status).toBe(200);
    const second = await single.login('family');
    expect((await first.fetch('/api/auth/me')).status).toBe(401);
    expect((await second.fetch('/api/auth/me')).status).toBe(200);
  });

  it('guessable passwords are refused with the estimator’s reason, naming the field', async () => {
    const c = await t.login('coordinator');
    for (const password of ['password123', 'prontivia2026', 'martina.rossi1']) {
      const res = await c.fetch('/api/accounts', {
        method: 'POST',
        json: { username: 'martina.rossi', role: 'coordinator', password },
      });
      expect(res.status, password).toBe(400);
      expect(await fieldsOf(res)).toContain('password');
    }
    const ok = await c.fetch('/api/accounts', {
      method: 'POST',
      json: { username: 'martina.rossi', role: 'coordinator', password: 'cavallo batteria graffetta' },
    });
    expect(ok.status).toBe(201);
  });
});
