/**
 * The transport office gives a new driver a login from the app: the coordinator opens Account
 * from the navigation, creates a driver account linked to a driver with a run in the published
 * plan, reads the one-time password off the screen; the driver logs in with it, sees their run,
 * and sets a password of their own. axe-core finds nothing serious on either account page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { passwordOf } from '../helpers/app.ts';
import { chromiumAvailable, launchBrowser, login, screenshot, seriousA11yViolations, type Browser } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';

describe.skipIf(!chromiumAvailable())('accounts in the browser', () => {
  let app: DemoApp;
  let browser: Browser;
  let page: Page;
  let date: string;
  let driverId: string;
  let stopCount: number;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
    const coordinator = await app.login('coordinator');
    const plan = await app.publish(coordinator, await app.planWeek(coordinator));
    const day = plan.days.find((d) => d.routes.some((r) => r.driverId && r.stops.length > 0))!;
    driverId = day.routes.find((r) => r.driverId && r.stops.length > 0)!.driverId!;
    date = day.date;
    stopCount = day.routes.filter((r) => r.driverId === driverId).reduce((n, r) => n + r.stops.length, 0);
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error(`[page] ${err.message}`));
    page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  let generated = '';

  it('the coordinator creates a driver account from the Account screen and sees its one-time password once', async () => {
    await login(page, app.baseUrl, 'coordinator', passwordOf('coordinator'));
    await page.getByRole('navigation').getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account di accesso' }).waitFor();
    await page.getByLabel('Nome utente', { exact: true }).fill('autista-nuovo');
    await page.getByLabel('Ruolo', { exact: true }).selectOption('driver');
    const link = page.getByLabel('Autista collegato');
    await expect.poll(() => link.locator(`option[value="${driverId}"]`).count()).toBe(1);
    await link.selectOption(driverId);
    await page.getByRole('button', { name: 'Crea account' }).click();
    const shown = page.locator('#generated-password');
    await shown.waitFor();
    generated = (await shown.innerText()).trim();
    expect(generated).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const row = page.locator('tr[data-username="autista-nuovo"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Autista[\s\S]*Attivo/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'accounts');

    // The account exists, linked to the driver, and the password was never stored in clear or audited.
    const { rows } = await app.db.query<{ driver_id: string; password_hash: string }>(
      'SELECT driver_id, password_hash FROM accounts WHERE username = $1',
      ['autista-nuovo'],
    );
    expect(rows[0]!.driver_id).toBe(driverId);
    expect(rows[0]!.password_hash).not.toContain(generated);
    const audit = await app.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'account' AND actor_username = 'coordinator'",
      [],
    );
    expect(audit.rows.map((r) => r.action)).toContain('create');

    // Shown once: after a reload the screen holds no password.
    await page.reload();
    await page.locator('tr[data-username="autista-nuovo"]').waitFor();
    expect(await page.locator('#generated-password').count()).toBe(0);
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/login'));
  });

  it('the new driver logs in with it, sees their run, and sets a password of their own', async () => {
    await login(page, app.baseUrl, 'autista-nuovo', generated);
    await page.goto(`${app.baseUrl}/#/driver?date=${date}`);
    await page.locator('.stop-card').first().waitFor();
    expect(await page.locator('.stop-card').count()).toBe(stopCount);
    await screenshot(page, 'accounts-driver-run', false);

    await page.getByRole('link', { name: 'Cambia password' }).click();
    await page.getByRole('heading', { name: 'Cambia la tua password' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Password attuale').fill(generated);
    await page.getByLabel('Nuova password', { exact: true }).fill('la-mia-password-2026');
    await page.getByLabel('Ripeti la nuova password').fill('la-mia-password-2026');
    await page.keyboard.press('Enter');
    await page.getByText('Password cambiata.').waitFor();
    await screenshot(page, 'accounts-password-changed', false);
    const loginWith = (password: string) =>
      fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'autista-nuovo', password }),
      }).then((r) => r.status);
    expect(await loginWith('la-mia-password-2026')).toBe(200);
    expect(await loginWith(generated)).toBe(401);
  });

  it('the coordinator creates an escort account linked to an escort, under the same password rules', async () => {
    const coordinator = await app.login('coordinator');
    const escort = { id: 'esc-e2e', name: 'Elisa (demo)', shifts: { mon: { from: '07:00', to: '13:00' } } };
    expect((await coordinator.fetch('/api/escorts/esc-e2e', { method: 'PUT', json: escort })).status).toBe(200);
    const escortPage = await browser.newPage();
    escortPage.setDefaultTimeout(15_000);
    await login(escortPage, app.baseUrl, 'coordinator', passwordOf('coordinator'));
    await escortPage.getByRole('navigation').getByRole('link', { name: 'Account' }).click();
    await escortPage.getByRole('heading', { name: 'Account di accesso' }).waitFor();
    await escortPage.getByLabel('Nome utente', { exact: true }).fill('accompagnatrice');
    await escortPage.getByLabel('Ruolo', { exact: true }).selectOption('escort');
    const link = escortPage.getByLabel('Accompagnatore collegato');
    await expect.poll(() => link.locator('option[value="esc-e2e"]').count()).toBe(1);
    await link.selectOption('esc-e2e');
    // the same rules as every account: a guessable password is refused at its field
    await escortPage.locator('input[name="new-password"]').fill('accompagnatrice1');
    await escortPage.getByRole('button', { name: 'Crea account' }).click();
    await expect.poll(() => escortPage.locator('input[name="new-password"]').getAttribute('aria-invalid')).toBe('true');
    await escortPage.locator('input[name="new-password"]').fill('girasole-vento-2026-lago');
    await escortPage.getByRole('button', { name: 'Crea account' }).click();
    const row = escortPage.locator('tr[data-username="accompagnatrice"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Accompagnatore[\s\S]*Elisa \(demo\) \(esc-e2e\)/);
    expect(await seriousA11yViolations(escortPage)).toEqual([]);
    const { rows } = await app.db.query<{ escort_id: string }>('SELECT escort_id FROM accounts WHERE username = $1', [
      'accompagnatrice',
    ]);
    expect(rows[0]!.escort_id).toBe('esc-e2e');
    await escortPage.close();
  });
});
