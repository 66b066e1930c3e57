/**
 * Security headers on the API and on the web pages (helmet): CSP without inline script,
 * frame-ancestors 'none', nosniff, Referrer-Policy, and HSTS only when served over TLS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

describe('security headers', () => {
  let plain: TestApp;
  let tls: TestApp;
  const web = mkdtempSync(join(tmpdir(), 'prontivia-headers-web-'));
  beforeAll(async () => {
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>t</title>');
    [plain, tls] = await Promise.all([
      startTestApp({ env: { WEB_DIST: web } }),
      startTestApp({ env: { WEB_DIST: web, COOKIE_SECURE: 'true' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), tls?.close()]);
    rmSync(web, { recursive: true, force: true });
  });

  it('every page and API answer carries CSP without inline script, no framing, nosniff, no referrer', async () => {
    for (const path of ['/', '/api/health', '/api/nope', '/api/auth/me']) {
      const res = await fetch(plain.baseUrl + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('behind TLS: HSTS, and the session cookie is Secure, HttpOnly and SameSite=Strict', async () => {
    const res = await fetch(`${tls.baseUrl}/`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    const login = await fetch(`${tls.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator', password: 'rotanidrooc-pw' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
  });
});
