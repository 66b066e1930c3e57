/**
 * Who may receive a child, kept from the coordinator's screen (Chromium, axe-clean): the
 * coordinator opens Persone autorizzate, picks a child, adds the grandmother as a delegate at
 * home drop-off with the last digits of her identity card and a validity, sees her listed, is told
 * which field is wrong when the document's digits are too few, and revokes her. The records and
 * the audit rows are read back from the database.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordOf } from '../helpers/app.ts';
import { chromiumAvailable, launchBrowser, login, screenshot, seriousA11yViolations, type Browser } from './browser.ts';
import { E2E_NOW, startDemoApp, type DemoApp } from './demo-app.ts';

describe.skipIf(!chromiumAvailable())('authorised persons in the browser', () => {
  let app: DemoApp;
  let browser: Browser;
  let page: Page;
  let child: { id: string; name: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp({ now: E2E_NOW }), launchBrowser({ width: 1280, height: 1000 })]);
    child = app.scenario.passengers.find((p) => p.ageGroup === 'child')!;
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.clock.setSystemTime(app.clock.now());
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the coordinator adds a delegate for a child, sees a wrong field named, and revokes her', async () => {
    await login(page, app.baseUrl, 'coordinator', passwordOf('coordinator'));
    await page.getByRole('navigation').getByRole('link', { name: 'Persone autorizzate' }).click();
    await page.waitForFunction(() => document.body.dataset.ready === 'authorised-persons');
    await page.getByLabel('Passeggero').selectOption(child.id);
    page.on('pageerror', (err) => console.error(`[page] ${err.message}`));
    await page.getByRole('heading', { name: 'Aggiungi persona autorizzata' }).waitFor();
    // the household's adults are listed (authorised at home) without being stored
    const before = await page.locator('#authorised-persons tr[data-person]').count();
    const storedBefore = (await app.db.query('SELECT id FROM authorised_persons WHERE passenger_id = $1', [child.id]))
      .rows.length;

    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Aggiungi persona autorizzata' }) });
    await form.getByLabel('Nome', { exact: true }).fill('Nonna Carla (demo)');
    await form.getByLabel('Relazione').fill('nonna');
    await form.getByLabel('Documento', { exact: true }).selectOption('identity_card');
    await form.getByLabel('Ultime cifre del documento').fill('7');
    await form.getByLabel('Valido dal').fill('2026-11-26');
    await form.getByLabel('Valido fino al').fill('2027-06-30');
    await form.getByLabel('consegna a casa').check();
    await form.getByRole('button', { name: 'Aggiungi persona autorizzata' }).click();
    // the last 2 to 6 digits are kept: one is refused at its field
    await expect.poll(() => form.getByLabel('Ultime cifre del documento').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Ultime cifre del documento').fill('4567');
    await form.getByRole('button', { name: 'Aggiungi persona autorizzata' }).click();
    const row = page.locator('#authorised-persons tr[data-person]').filter({ hasText: 'Nonna Carla (demo)' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      /Delegato\/a[\s\S]*nonna[\s\S]*…4567[\s\S]*2026-11-26 → 2027-06-30[\s\S]*consegna a casa/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'authorised-persons');
    const stored = await app.db.query<{ id: string }>('SELECT id FROM authorised_persons WHERE passenger_id = $1', [
      child.id,
    ]);
    expect(stored.rows).toHaveLength(storedBefore + 1);

    await row.getByRole('button', { name: 'Revoca Nonna Carla (demo)' }).click();
    await page.getByText('Autorizzazione revocata: Nonna Carla (demo)').first().waitFor();
    // The list is read again after the revocation: wait for it rather than count the old rows.
    await expect.poll(() => page.locator('#authorised-persons tr[data-person]').count()).toBe(before);
    expect(
      (await app.db.query('SELECT id FROM authorised_persons WHERE passenger_id = $1', [child.id])).rows,
    ).toHaveLength(storedBefore);
    const audited = await app.db.query<{ action: string }>(
      "SELECT action || ' ' || entity AS action FROM audit_log WHERE entity LIKE 'authorised_person%' AND actor_username = 'coordinator' ORDER BY id",
      [],
    );
    expect(audited.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['read authorised_persons', 'create authorised_person', 'delete authorised_person']),
    );
  }, 180_000);
});
