/**
 * Action A in the browser, on the demo week with the programme's demo data and a published plan
 * (a catalogue booking from the family's screen is approved on the same screen as slot bookings):
 * the coordinator approves a pending request and refuses another with a reason; opens the
 * monitoring, filters a comune and exports the CSV; the family sees its voucher balance and its
 * requests pending, approved and refused. Every page axe-clean.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datesOfWeek } from '../../web/state/time.ts';
import { seedProgrammeDemo } from '../../server/seed/programme-demo.ts';
import { chromiumAvailable, launchBrowser, login, screenshot, seriousA11yViolations, type Browser } from './browser.ts';
import { type DemoApp, E2E_NOW, startDemoApp } from './demo-app.ts';
import type { TestSession } from '../helpers/app.ts';

describe.skipIf(!chromiumAvailable())('Action A in the browser', () => {
  let app: DemoApp;
  let browser: Browser;
  let page: Page;
  let family: TestSession;
  const ids: string[] = [];
  let householdId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp({ now: E2E_NOW }), launchBrowser({ width: 1280, height: 1000 })]);
    await seedProgrammeDemo(app.db, app.scenario, app.clock.now());
    const coordinator = await app.login('coordinator');
    await app.publish(coordinator, await app.planWeek(coordinator));
    const travelling = new Set(app.scenario.requests.map((r) => r.passengerId));
    householdId = app.scenario.passengers.find((p) => travelling.has(p.id))!.householdId;
    await app.addAccount('famiglia-a', { role: 'family', householdId });
    // A new child of the family, and three bookings for it through the API: each waits for approval.
    const home = app.scenario.households.find((h) => h.id === householdId)!.home;
    const created = await coordinator.fetch('/api/passengers', {
      method: 'POST',
      json: { id: 'p-e2e-new', name: 'Nuovo (demo)', householdId, ageGroup: 'child', mobility: 'walks', home },
    });
    expect(created.status).toBe(201);
    const grant = (await (await coordinator.fetch(`/api/programme/grants?householdId=${householdId}`)).json())[0];
    await coordinator.fetch(`/api/programme/grants/${grant.id}`, {
      method: 'PUT',
      json: { ...grant, amountCents: 5_000_000 },
    });
    const login = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'famiglia-a', password: 'famiglia-a-pw' }),
    });
    const { token } = (await login.json()) as { token: string };
    family = {
      token,
      csrfToken: '',
      cookie: '',
      fetch: (path, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('authorization', `Bearer ${token}`);
        if (init.json !== undefined) headers.set('content-type', 'application/json');
        return fetch(app.baseUrl + path, {
          ...init,
          headers,
          body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
        });
      },
    };
    const services = app.scenario.services.filter((s) => s.kind === 'school' || s.kind === 'nursery');
    const monday = (await (await coordinator.fetch(`/api/plans/plan-${app.scenario.week}`)).json()).days[0].date;
    for (const s of services) {
      if (ids.length === 3) break;
      for (const weekdays of [['mon'], ['tue'], ['wed'], ['thu']]) {
        if (ids.length === 3) break;
        const res = await family.fetch('/api/slots/book', {
          method: 'POST',
          json: {
            query: {
              week: app.scenario.week,
              passengerId: 'p-e2e-new',
              serviceId: s.id,
              weekdays,
              outbound: true,
              return: false,
            },
            validFrom: monday,
            validTo: monday,
            requestId: `sr-e2e-${ids.length}`,
          },
        });
        if (res.status === 202) ids.push(((await res.json()) as { id: string }).id);
      }
    }
    expect(ids).toHaveLength(3);
    page = await browser.newPage();
    await page.clock.setSystemTime(app.clock.now());
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the coordinator approves one pending request and refuses another with a reason', async () => {
    await login(page, app.baseUrl, 'coordinator', 'rotanidrooc-pw');
    await page.goto(`${app.baseUrl}/#/programme`);
    await page.locator(`#pending tr[data-request="${ids[0]}"]`).waitFor({ timeout: 30_000 });
    await page.locator('#monitoring table').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#pending tbody tr').count()).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.locator('#weeks-covered').innerText()).toMatch(/copre \d+ settimane/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'programme-coordinator');

    const before = (
      await (
        await (await app.login('coordinator')).fetch(`/api/plans/plan-${app.scenario.week}?version=published`)
      ).json()
    ).version;
    await page.locator(`#pending tr[data-request="${ids[0]}"]`).getByRole('button', { name: 'Approva' }).click();
    await page.locator('#pending [role="status"]').getByText('Richiesta approvata').waitFor({ timeout: 30_000 });
    const after = (
      await (
        await (await app.login('coordinator')).fetch(`/api/plans/plan-${app.scenario.week}?version=published`)
      ).json()
    ).version;
    expect(after).toBe(before + 1);

    const row = page.locator(`#pending tr[data-request="${ids[1]}"]`);
    await row.getByLabel('Motivo del rifiuto').fill('posti esauriti nel pulmino del mattino');
    await row.getByRole('button', { name: 'Rifiuta' }).click();
    await page.locator('#pending [role="status"]').getByText('Richiesta rifiutata').waitFor({ timeout: 30_000 });
    expect(await page.locator(`#pending tr[data-request="${ids[1]}"]`).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 180_000);

  it('the coordinator filters the monitoring to one comune and exports the CSV', async () => {
    const ferno = '012068';
    await page.getByLabel('Dal', { exact: true }).fill('2026-10-26');
    await page.getByLabel('Al', { exact: true }).fill('2026-11-29');
    await page.getByLabel('Comune', { exact: true }).selectOption(ferno);
    await page.getByRole('button', { name: 'Aggiorna' }).click();
    await page.waitForFunction((code) => document.body.dataset.monitoring?.endsWith(`|${code}`), ferno);
    const comuni = await page.locator('#monitoring table').first().locator('tbody th').allInnerTexts();
    expect(comuni).toEqual(['Ferno', 'Totale']);
    expect(await page.locator('#monitoring canvas').count()).toBe(3);
    expect(await page.locator('#monitoring .formula').innerText()).toMatch(/round\(2 × direct drive time/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'programme-monitoring-ferno');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Esporta CSV' }).click(),
    ]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^month,istat_code,comune,ambito,/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'Ferno')).toBe(true);
  }, 120_000);

  it('the family sees its voucher balance and its requests pending, approved and refused', async () => {
    const familyPage = await browser.newPage();
    await familyPage.clock.setSystemTime(app.clock.now());
    await login(familyPage, app.baseUrl, 'famiglia-a', 'famiglia-a-pw');
    await familyPage.goto(`${app.baseUrl}/#/family?week=${app.scenario.week}`);
    await familyPage.locator('#programme-requests li').first().waitFor({ timeout: 30_000 });
    expect(await familyPage.locator('#voucher-remaining').innerText()).toMatch(/€/);
    const states = await familyPage.locator('#programme-requests li').allInnerTexts();
    expect(states.some((s) => /In attesa di approvazione/.test(s))).toBe(true);
    expect(states.some((s) => /Approvata/.test(s))).toBe(true);
    expect(states.some((s) => /Rifiutata: posti esauriti nel pulmino del mattino/.test(s))).toBe(true);
    expect(await seriousA11yViolations(familyPage)).toEqual([]);
    await screenshot(familyPage, 'programme-family');
  }, 120_000);

  it('a catalogue booking waits on the approval screen, priced; the coordinator approves it and the family sees it active', async () => {
    const familyPage = await browser.newPage();
    await familyPage.clock.setSystemTime(app.clock.now());
    await login(familyPage, app.baseUrl, 'famiglia-a', 'famiglia-a-pw');
    const ready = () =>
      familyPage.waitForFunction(() => document.body.dataset.ready === 'family-services', undefined, {
        timeout: 30_000,
      });
    await familyPage.goto(`${app.baseUrl}/#/family/services?week=${app.scenario.week}`);
    await ready();
    const form = familyPage.locator('#catalogue form');
    const days = form.locator('fieldset input[type="checkbox"]');
    for (let i = 0; i < 2; i++) await days.nth(i).check();
    await form.getByLabel('A partire dal').fill(datesOfWeek(app.scenario.week)[0]!);
    await form.getByRole('button', { name: 'Invia la richiesta' }).click();
    await expect
      .poll(() => form.locator('[role="status"]').innerText())
      .toMatch(/^(Prenotato|Richiesta inviata|Errore)/);
    expect(await form.locator('[role="status"]').innerText()).toMatch(/^Richiesta inviata, in attesa di approvazione/);
    const waiting = familyPage
      .locator('#requests li[data-request^="br-"]')
      .filter({ hasText: 'In attesa di approvazione' });
    // the slot bookings made in set-up wait too; the new one is the other
    await expect.poll(() => waiting.count()).toBeGreaterThan(ids.filter((x) => x !== ids[0] && x !== ids[1]).length);
    const listed = await waiting.evaluateAll((els) => els.map((e) => e.getAttribute('data-request')!));
    const id = listed.find((x) => !ids.includes(x))!;
    expect(id).toBeDefined();

    const page = await browser.newPage();
    await page.clock.setSystemTime(app.clock.now());
    await login(page, app.baseUrl, 'coordinator', 'rotanidrooc-pw');
    await page.goto(`${app.baseUrl}/#/programme`);
    const row = page.locator(`#pending tr[data-request="${id}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toMatch(/Dal catalogo \(entra nel prossimo piano\)/);
    const coordinator = await app.login('coordinator');
    const items = (await (await coordinator.fetch('/api/programme/requests?status=pending')).json()).items;
    const pending = items.find((r: { id: string }) => r.id === id);
    expect(pending).toMatchObject({ kind: 'catalogue' });
    expect(pending.estimateCents).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'programme-catalogue-pending');
    await row.getByRole('button', { name: 'Approva' }).click();
    await page.locator('#pending [role="status"]').getByText('Richiesta approvata').waitFor({ timeout: 30_000 });
    const approved = (await (await coordinator.fetch('/api/programme/requests?status=approved')).json()).items.find(
      (r: { id: string }) => r.id === id,
    );
    expect(approved.requestId).toMatch(/^bk-/);

    // the family's list now has the standing request, active, and no longer the booking
    const mine = (await (await family.fetch('/api/family/requests')).json()) as { id: string; state: string }[];
    expect(mine.find((r) => r.id === approved.requestId)?.state).toBe('active');
    expect(mine.some((r) => r.id === id)).toBe(false);
    await familyPage.close();
  }, 180_000);
});
