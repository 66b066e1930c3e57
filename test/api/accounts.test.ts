/**
 * The transport office manages accounts from the app: only a coordinator may; a new driver
 * account logs in and sees that driver's run; names are unique; links must exist; a disabled
 * account is locked out at once; changing one's own password ends one's other sessions; every
 * change is audited and no password ever reaches the audit log or a listing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordOf, startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { PLAN_DATE, memoryPublishedPlans, seedWorld, worldPlan } from '../helpers/world.ts';

let t: TestApp;
let coord: TestSession;
beforeAll(async () => {
  t = await startTestApp({ setup: seedWorld, plans: memoryPublishedPlans(worldPlan()) });
  coord = await t.login('coordinator');
});
afterAll(async () => {
  await t?.close();
});

const loginAs = (username: string, password: string) =>
  fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

async function sessionOf(username: string, password: string): Promise<TestSession['fetch']> {
  const res = await loginAs(username, password);
  expect(res.status, `login ${username}`).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(t.baseUrl + path, { ...init, headers, body });
  };
}

interface Created {
  account: { id: string; username: string; role: string; driverId: string | null; disabledAt: string | null };
  generatedPassword?: string;
}

async function create(body: Record<string, unknown>): Promise<Created> {
  const res = await coord.fetch('/api/accounts', { method: 'POST', json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

describe('only a coordinator manages accounts', () => {
  it('a driver and a family get 403 on every accounts endpoint', async () => {
    const { account } = await create({ username: 'target-403', role: 'coordinator', password: 'long-enough-pw' });
    for (const who of ['driver', 'family'] as const) {
      const s = await t.login(who);
      const calls: [string, string, unknown?][] = [
        ['GET', '/api/accounts'],
        ['GET', `/api/accounts/${account.id}`],
        ['POST', '/api/accounts', { username: `x-${who}`, role: 'coordinator', password: 'long-enough-pw' }],
        ['POST', `/api/accounts/${account.id}/password`, {}],
        ['POST', `/api/accounts/${account.id}/disable`],
        ['POST', `/api/accounts/${account.id}/enable`],
        ['DELETE', `/api/accounts/${account.id}`],
      ];
      for (const [method, path, json] of calls) {
        const res = await s.fetch(path, { method, json });
        expect(res.status, `${who} ${method} ${path}`).toBe(403);
        expect((await res.json()).error.code).toBe('FORBIDDEN');
      }
    }
    // Nothing happened to the target.
    const after = await (await coord.fetch(`/api/accounts/${account.id}`)).json();
    expect(after.disabledAt).toBeNull();
    expect((await loginAs('target-403', 'long-enough-pw')).status).toBe(200);
    expect((await coord.fetch('/api/accounts?role=coordinator')).status).toBe(200);
  });

  it('every accounts operation is in the OpenAPI document with x-roles coordinator', async () => {
    const doc = await (await fetch(`${t.baseUrl}/api/openapi.json`)).json();
    const ops: [string, string][] = [
      ['/api/accounts', 'get'],
      ['/api/accounts', 'post'],
      ['/api/accounts/{id}', 'get'],
      ['/api/accounts/{id}', 'delete'],
      ['/api/accounts/{id}/password', 'post'],
      ['/api/accounts/{id}/disable', 'post'],
      ['/api/accounts/{id}/enable', 'post'],
    ];
    for (const [path, method] of ops)
      expect(doc.paths[path]?.[method]?.['x-roles'], `${method} ${path}`).toEqual(['coordinator']);
    expect(doc.paths['/api/auth/password'].post['x-roles']).toEqual(['coordinator', 'driver', 'family']);
  });
});

describe('creating accounts', () => {
  it('a driver account linked to drv-a logs in and reads drv-a’s run', async () => {
    const { account, generatedPassword } = await create({
      username: 'anna.autista',
      role: 'driver',
      driverId: 'drv-a',
      password: 'anna-password-1',
    });
    expect(account).toMatchObject({ username: 'anna.autista', role: 'driver', driverId: 'drv-a', disabledAt: null });
    expect(generatedPassword).toBeUndefined();
    const anna = await sessionOf('anna.autista', 'anna-password-1');
    const run = await (await anna(`/api/driver/runs/${PLAN_DATE}`)).json();
    expect(run.routes.map((r: { id: string }) => r.id)).toEqual(['r-a']);
  });

  it('without a password the server generates one, returns it once, and it works', async () => {
    const { account, generatedPassword } = await create({ username: 'rossi', role: 'family', householdId: 'hh-a' });
    expect(generatedPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const rossi = await sessionOf('rossi', generatedPassword!);
    expect((await (await rossi('/api/family/household')).json()).household.id).toBe('hh-a');
    const read = await (await coord.fetch(`/api/accounts/${account.id}`)).text();
    expect(read).not.toContain(generatedPassword!);
  });

  it('a username already taken (in any case) is 409 naming the field', async () => {
    await create({ username: 'bruno', role: 'coordinator', password: 'bruno-password' });
    for (const username of ['bruno', 'BRUNO']) {
      const res = await coord.fetch('/api/accounts', {
        method: 'POST',
        json: { username, role: 'coordinator', password: 'another-password' },
      });
      expect(res.status).toBe(409);
      const { error } = await res.json();
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe(`username: "${username}" is already taken; choose another`);
      expect(error.details[0]).toMatchObject({ path: 'username', value: username });
    }
  });

  it('a driver account naming a missing driver is 400 naming driverId and the value; nothing is created', async () => {
    const res = await coord.fetch('/api/accounts', {
      method: 'POST',
      json: { username: 'ghost', role: 'driver', driverId: 'drv-missing', password: 'ghost-password' },
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('REQUEST_INVALID');
    expect(error.message).toBe('driverId: no driver with id "drv-missing"');
    expect(error.details[0]).toMatchObject({ path: 'driverId', value: 'drv-missing' });
    const list = await (await coord.fetch('/api/accounts?q=ghost')).json();
    expect(list.total).toBe(0);
  });

  // Was: "an escort account is refused by the app with a 400 naming role" — escorts could be given
  // an account only from the CLI. Now the coordinator links one to an existing escort.
  it('an escort account is created by the coordinator, linked to an existing escort, with the same password rules', async () => {
    const escort = { id: 'esc-app', name: 'Elisa (test)', shifts: { mon: { from: '07:00', to: '13:00' } } };
    expect((await coord.fetch('/api/escorts/esc-app', { method: 'PUT', json: escort })).status).toBe(200);
    const refused: [Record<string, unknown>, string][] = [
      [{ username: 'escort.app', role: 'escort', password: 'lanterna-marzo-92' }, 'escortId'],
      [{ username: 'escort.app', role: 'escort', escortId: 'esc-missing', password: 'lanterna-marzo-92' }, 'escortId'],
      [
        {
          username: 'escort.app',
          role: 'escort',
          escortId: 'esc-app',
          driverId: 'drv-a',
          password: 'lanterna-marzo-92',
        },
        'driverId',
      ],
      [
        {
          username: 'escort.app',
          role: 'driver',
          driverId: 'drv-a',
          escortId: 'esc-app',
          password: 'lanterna-marzo-92',
        },
        'escortId',
      ],
      [{ username: 'escort.app', role: 'escort', escortId: 'esc-app', password: 'short' }, 'password'],
      [{ username: 'escort.app', role: 'escort', escortId: 'esc-app', password: 'escort.app12345' }, 'password'],
    ];
    for (const [json, path] of refused) {
      const res = await coord.fetch('/api/accounts', { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((await res.json()).error.details[0].path).toBe(path);
    }
    expect((await (await coord.fetch('/api/accounts?q=escort.app')).json()).total).toBe(0);

    const created = await coord.fetch('/api/accounts', {
      method: 'POST',
      json: { username: 'escort.app', role: 'escort', escortId: 'esc-app', displayName: 'Elisa' },
    });
    expect(created.status).toBe(201);
    const { account, generatedPassword } = await created.json();
    expect(account).toMatchObject({ username: 'escort.app', role: 'escort', escortId: 'esc-app' });
    expect(generatedPassword).toBeTruthy();
    const login = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'escort.app', password: generatedPassword }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user).toMatchObject({ role: 'escort', escortId: 'esc-app' });
    const family = await t.login('family');
    const byFamily = await family.fetch('/api/accounts', {
      method: 'POST',
      json: { username: 'escort.other', role: 'escort', escortId: 'esc-app', password: 'lanterna-marzo-92' },
    });
    expect(byFamily.status).toBe(403);
  });

  it('links must fit the role, and a short password is 400 naming password', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { username: 'f1', role: 'family', password: 'long-enough-pw' },
        'householdId',
        'householdId: a family account needs the id of an existing household',
      ],
      [
        { username: 'f2', role: 'family', householdId: 'hh-zz', password: 'long-enough-pw' },
        'householdId',
        'householdId: no household with id "hh-zz"',
      ],
      [
        { username: 'd1', role: 'driver', password: 'long-enough-pw' },
        'driverId',
        'driverId: a driver account needs the id of an existing driver',
      ],
      [
        { username: 'c1', role: 'coordinator', driverId: 'drv-a', password: 'long-enough-pw' },
        'driverId',
        'driverId: a coordinator account is linked to no driver',
      ],
      [
        { username: 'd2', role: 'driver', driverId: 'drv-a', password: 'short' },
        'password',
        'password: at least 10 characters',
      ],
      [
        { username: 'bad name', role: 'coordinator', password: 'long-enough-pw' },
        'username',
        'username: letters, digits, . _ - only',
      ],
    ];
    for (const [body, path, message] of cases) {
      const res = await coord.fetch('/api/accounts', { method: 'POST', json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.details[0].path).toBe(path);
      expect(error.message).toBe(message);
    }
    // The password itself is never echoed back.
    const short = await (
      await coord.fetch('/api/accounts', {
        method: 'POST',
        json: { username: 'd3', role: 'driver', driverId: 'drv-a', password: 'tiny-pw' },
      })
    ).text();
    expect(short).toContain('password');
    expect(short).not.toContain('tiny-pw');
  });

  it('the list is paged, filtered by role, and never holds a password hash', async () => {
    const all = await (await coord.fetch('/api/accounts?pageSize=500')).json();
    expect(all.total).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(all);
    expect(text).not.toMatch(/scrypt|password/i);
    const drivers = await (await coord.fetch('/api/accounts?role=driver&pageSize=2&page=1')).json();
    const page2 = await (await coord.fetch('/api/accounts?role=driver&pageSize=2&page=2')).json();
    expect(drivers.items.every((a: { role: string }) => a.role === 'driver')).toBe(true);
    expect(drivers.items).toHaveLength(2);
    expect(drivers.total).toBe(all.items.filter((a: { role: string }) => a.role === 'driver').length);
    const names = [...drivers.items, ...page2.items].map((a: { username: string }) => a.username);
    expect(new Set(names).size).toBe(names.length);
    const bad = await coord.fetch('/api/accounts?role=admin');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0]).toMatchObject({ path: 'query.role', value: 'admin' });
  });
});

describe('disabling, resetting, deleting', () => {
  it('a disabled account cannot log in and its open session answers 401 at once; enabled again it can', async () => {
    const { account } = await create({
      username: 'carla',
      role: 'driver',
      driverId: 'drv-b',
      password: 'carla-password',
    });
    const carla = await sessionOf('carla', 'carla-password');
    expect((await carla('/api/auth/me')).status).toBe(200); // now in the session cache
    const off = await coord.fetch(`/api/accounts/${account.id}/disable`, { method: 'POST' });
    expect(off.status).toBe(200);
    expect((await off.json()).disabledAt).not.toBeNull();
    expect((await carla('/api/auth/me')).status).toBe(401);
    expect((await carla(`/api/driver/runs/${PLAN_DATE}`)).status).toBe(401);
    const refused = await loginAs('carla', 'carla-password');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/carla is disabled/);
    expect((await loginAs('carla', 'wrong-password')).status).toBe(401);

    expect((await coord.fetch(`/api/accounts/${account.id}/enable`, { method: 'POST' })).status).toBe(200);
    expect((await loginAs('carla', 'carla-password')).status).toBe(200);
  });

  it('a coordinator cannot disable or delete themself', async () => {
    const me = (await (await coord.fetch('/api/auth/me')).json()).user;
    for (const [method, path, verb] of [
      ['POST', `/api/accounts/${me.id}/disable`, 'disable'],
      ['DELETE', `/api/accounts/${me.id}`, 'delete'],
    ]) {
      const res = await coord.fetch(path!, { method });
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toBe(
        `you cannot ${verb} your own account (coordinator); another coordinator can`,
      );
    }
    expect((await coord.fetch('/api/auth/me')).status).toBe(200);
  });

  it('a reset ends the account’s sessions; the generated password works, the old one does not', async () => {
    const { account } = await create({
      username: 'dario',
      role: 'family',
      householdId: 'hh-b',
      password: 'dario-password',
    });
    const dario = await sessionOf('dario', 'dario-password');
    expect((await dario('/api/auth/me')).status).toBe(200);
    const res = await coord.fetch(`/api/accounts/${account.id}/password`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    const { generatedPassword } = await res.json();
    expect(generatedPassword).toHaveLength(19);
    expect((await dario('/api/auth/me')).status).toBe(401);
    expect((await loginAs('dario', 'dario-password')).status).toBe(401);
    expect((await loginAs('dario', generatedPassword)).status).toBe(200);
    // A coordinator's chosen password follows the same policy.
    const short = await coord.fetch(`/api/accounts/${account.id}/password`, {
      method: 'POST',
      json: { password: 'abc' },
    });
    expect(short.status).toBe(400);
    expect((await short.json()).error.details[0].path).toBe('password');
  });

  it('a coordinator resetting their own password keeps the session in use and ends the others', async () => {
    const { account } = await create({ username: 'ivo', role: 'coordinator', password: 'ivo-password-1' });
    const desk = await sessionOf('ivo', 'ivo-password-1');
    const other = await sessionOf('ivo', 'ivo-password-1');
    const res = await desk(`/api/accounts/${account.id}/password`, {
      method: 'POST',
      json: { password: 'ivo-password-2' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).generatedPassword).toBeUndefined();
    expect((await desk('/api/auth/me')).status).toBe(200);
    expect((await other('/api/auth/me')).status).toBe(401);
    expect((await loginAs('ivo', 'ivo-password-2')).status).toBe(200);
  });

  it('a deleted account is gone: its session answers 401 and it cannot log in', async () => {
    const { account } = await create({ username: 'elena', role: 'coordinator', password: 'elena-password' });
    const elena = await sessionOf('elena', 'elena-password');
    expect((await elena('/api/accounts')).status).toBe(200);
    expect((await coord.fetch(`/api/accounts/${account.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await elena('/api/accounts')).status).toBe(401);
    expect((await loginAs('elena', 'elena-password')).status).toBe(401);
    expect((await coord.fetch(`/api/accounts/${account.id}`)).status).toBe(404);
  });
});

describe('changing my own password', () => {
  it('needs the right current password and ends my other sessions, keeping this one', async () => {
    await create({ username: 'franco', role: 'driver', driverId: 'drv-a', password: 'franco-old-pw' });
    const phone = await sessionOf('franco', 'franco-old-pw');
    const laptop = await sessionOf('franco', 'franco-old-pw');
    expect((await laptop('/api/auth/me')).status).toBe(200);

    const wrong = await phone('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: 'not-it-at-all', newPassword: 'franco-new-pw' },
    });
    expect(wrong.status).toBe(400);
    const { error } = await wrong.json();
    expect(error.message).toBe('currentPassword: the current password is wrong');
    expect(error.details[0].path).toBe('currentPassword');

    const short = await phone('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: 'franco-old-pw', newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect((await short.json()).error.details[0]).toMatchObject({
      path: 'newPassword',
      message: 'at least 10 characters',
    });

    const ok = await phone('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: 'franco-old-pw', newPassword: 'franco-new-pw' },
    });
    expect(ok.status).toBe(204);
    expect((await laptop('/api/auth/me')).status).toBe(401);
    expect((await phone('/api/auth/me')).status).toBe(200);
    expect((await loginAs('franco', 'franco-old-pw')).status).toBe(401);
    expect((await loginAs('franco', 'franco-new-pw')).status).toBe(200);
  });

  it('wrong current passwords are rate limited like logins: the sixth attempt in a minute is 429', async () => {
    await create({ username: 'gina', role: 'family', householdId: 'hh-a', password: 'gina-rosmarino-42' });
    const gina = await sessionOf('gina', 'gina-rosmarino-42');
    for (let i = 0; i < 5; i++) {
      const res = await gina('/api/auth/password', {
        method: 'POST',
        json: { currentPassword: `guess-${i}`, newPassword: 'gina-new-password' },
      });
      expect(res.status).toBe(400);
    }
    const blocked = await gina('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: 'gina-rosmarino-42', newPassword: 'gina-new-password' },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await loginAs('gina', 'gina-rosmarino-42')).status).toBe(200);
  });

  it('a cookie session needs the CSRF header to change the password', async () => {
    const s = await t.login('family2');
    const body = JSON.stringify({ currentPassword: passwordOf('family2'), newPassword: 'family2-new-password' });
    const res = await fetch(`${t.baseUrl}/api/auth/password`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(403);
    expect((await loginAs('family2', passwordOf('family2'))).status).toBe(200);
  });
});

describe('audit', () => {
  it('every change names who, what and which account, and no password is ever written', async () => {
    const { account } = await create({
      username: 'hugo',
      role: 'driver',
      driverId: 'drv-b',
      password: 'hugo-secret-pw',
    });
    const reset = await (
      await coord.fetch(`/api/accounts/${account.id}/password`, { method: 'POST', json: {} })
    ).json();
    await coord.fetch(`/api/accounts/${account.id}/disable`, { method: 'POST' });
    await coord.fetch(`/api/accounts/${account.id}/enable`, { method: 'POST' });
    const hugo = await sessionOf('hugo', reset.generatedPassword);
    expect(
      (
        await hugo('/api/auth/password', {
          method: 'POST',
          json: { currentPassword: reset.generatedPassword, newPassword: 'hugo-final-pw' },
        })
      ).status,
    ).toBe(204);
    await coord.fetch(`/api/accounts/${account.id}`, { method: 'DELETE' });

    const page = await (await coord.fetch(`/api/audit?entity=account&entityId=${account.id}`)).json();
    const rows = [...page.items]
      .reverse()
      .map((r: { actorUsername: string; action: string; entityId: string }) => [r.actorUsername, r.action, r.entityId]);
    expect(rows).toEqual([
      ['coordinator', 'create', account.id],
      ['coordinator', 'password', account.id],
      ['coordinator', 'disable', account.id],
      ['coordinator', 'enable', account.id],
      ['hugo', 'password', account.id],
      ['coordinator', 'delete', account.id],
    ]);
    const everything = JSON.stringify((await t.db.query('SELECT * FROM audit_log', [])).rows);
    for (const secret of ['hugo-secret-pw', reset.generatedPassword, 'hugo-final-pw', 'franco-new-pw', 'scrypt'])
      expect(everything).not.toContain(secret);
  });
});

describe('records with a login', () => {
  it('a driver with an account cannot be deleted (409 naming the account) until the account is gone', async () => {
    const template = await (await coord.fetch('/api/drivers/drv-a')).json();
    expect((await coord.fetch('/api/drivers', { method: 'POST', json: { ...template, id: 'drv-z' } })).status).toBe(
      201,
    );
    const { account } = await create({
      username: 'zeno.autista',
      role: 'driver',
      driverId: 'drv-z',
      password: 'zeno-password-1',
    });
    const refused = await coord.fetch('/api/drivers/drv-z', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toContain('zeno.autista');
    expect((await coord.fetch('/api/drivers/drv-z')).status).toBe(200);
    expect((await coord.fetch(`/api/accounts/${account.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await coord.fetch('/api/drivers/drv-z', { method: 'DELETE' })).status).toBe(204);
  });
});
