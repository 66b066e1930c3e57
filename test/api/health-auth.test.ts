import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordOf, startTestApp, usePostgres, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = (username: string, password: string, ip?: string) =>
  fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(ip ? { 'x-forwarded-for': ip } : {}) },
    body: JSON.stringify({ username, password }),
  });

describe('health', () => {
  it('says the server is up and which database, queue and routing it uses', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      db: usePostgres() ? 'postgres' : 'pglite',
      queue: 'in-process',
      routing: 'estimate',
    });
  });
});

describe('login', () => {
  it('a coordinator with the right password gets a token, an HttpOnly SameSite=Strict cookie and a CSRF token', async () => {
    const res = await login('coordinator', passwordOf('coordinator'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { role: string; username: string }; token: string; csrfToken: string };
    expect(body.user).toMatchObject({ role: 'coordinator', username: 'coordinator' });
    expect(body.token.length).toBeGreaterThan(20);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^prontivia_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const me = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'coordinator' }, csrfToken: body.csrfToken });
  });

  it('a wrong password is 401 and says nothing about which part was wrong', async () => {
    const wrong = await login('coordinator', 'nope');
    const unknown = await login('nobody', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
  });

  it('after 5 wrong passwords in a minute the next attempt is 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('family2', 'guess' + i)).status).toBe(401);
    const blocked = await login('family2', passwordOf('family2'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('RATE_LIMITED');
    // Another user is not affected.
    expect((await login('family', passwordOf('family'))).status).toBe(200);
  });

  it('without a session the API answers 401; after logout the token no longer works', async () => {
    expect((await fetch(`${t.baseUrl}/api/passengers`)).status).toBe(401);
    const s = await t.login('driver');
    expect((await s.fetch('/api/auth/me')).status).toBe(200);
    expect((await s.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await s.fetch('/api/auth/me')).status).toBe(401);
  });

  it('a cookie session needs the X-CSRF-Token header to change anything', async () => {
    const s = await t.login('coordinator');
    const body = JSON.stringify({ id: 'x' });
    const noHeader = await fetch(`${t.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: s.cookie },
      body,
    });
    expect(noHeader.status).toBe(403);
    const withHeader = await fetch(`${t.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    });
    expect(withHeader.status).toBe(204);
  });

  it('logging in again with an old session cookie still in the browser works without a CSRF header', async () => {
    const s = await t.login('family');
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie },
      body: JSON.stringify({ username: 'family', password: passwordOf('family') }),
    });
    expect(res.status).toBe(200);
  });

  it('errors never carry a stack trace', async () => {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad json',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(JSON.parse(text).error.code).toBe('REQUEST_INVALID');
  });
});
