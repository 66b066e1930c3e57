/**
 * The family's story: this week's trips of my household; ask for a pickup slot for a child with
 * my work hours, get options and confirm one; report an absence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, login, screenshot, seriousA11yViolations, type Browser } from './browser.ts';
import { E2E_NOW, startDemoApp, type DemoApp } from './demo-app.ts';
import { datesOfWeek } from '../../web/state/time.ts';

// The story runs on the suite's pinned clock and again a year later (server, demo week and the
// browser's clock all moved), so it cannot depend on the day the suite runs.
const A_YEAR_LATER = new Date(E2E_NOW.getTime() + 365 * 86_400_000);

describe.skipIf(!chromiumAvailable()).each([
  ['on the suite clock', E2E_NOW],
  ['with the clock a year ahead', A_YEAR_LATER],
])('family in the browser %s', (_label, now) => {
  let app: DemoApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp({ now }), launchBrowser({ width: 800, height: 1000 })]);
    const coordinator = await app.login('coordinator');
    const plan = await app.publish(coordinator, await app.planWeek(coordinator));
    // A household whose passenger travels in the planned week (the school calendar in
    // fixtures/calendar covers only the school years it lists; day centres run all year).
    const travelling = new Set(
      plan.days.flatMap((d) => d.routes.flatMap((r) => r.stops.flatMap((s) => s.boards.map((b) => b.passengerId)))),
    );
    const householdId = app.scenario.passengers.find((p) => travelling.has(p.id))!.householdId;
    await app.addAccount('famiglia-e2e', { role: 'family', householdId });
    page = await browser.newPage();
    await page.clock.setSystemTime(app.clock.now());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sees the week’s trips, requests a slot and confirms one of the options', async () => {
    await login(page, app.baseUrl, 'famiglia-e2e', 'famiglia-e2e-pw');
    await page.goto(`${app.baseUrl}/#/family?week=${app.scenario.week}`);
    await page.locator('#trips li').first().waitFor();
    expect(await page.locator('#trips li').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (now === E2E_NOW) await screenshot(page, 'family-trips');

    await page.getByLabel('Esco per lavoro alle').fill('07:30');
    await page.getByLabel('Rientro alle').fill('17:30');
    await page.getByRole('button', { name: 'Cerca orari' }).click();
    const confirm = page.getByRole('button', { name: 'Conferma questo orario' }).first();
    await confirm.waitFor({ timeout: 20_000 });
    if (now === E2E_NOW) await screenshot(page, 'family-slot-options');
    const passengerId = await page.getByLabel('Passeggero').first().inputValue();
    // A booked slot is a standing request of the passenger carrying its promised windows.
    const promisedRequests = async () => {
      const coordinator = await app.login('coordinator');
      const page1 = (await (await coordinator.fetch(`/api/requests?passengerId=${passengerId}`)).json()) as {
        items: { promised?: object }[];
      };
      return page1.items.filter((r) => r.promised && Object.keys(r.promised).length > 0).length;
    };
    expect(await promisedRequests()).toBe(0);
    await confirm.click();
    await page.locator('#slot').getByText('Orario confermato').waitFor({ timeout: 20_000 });
    expect(await promisedRequests()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (now === E2E_NOW) await screenshot(page, 'family-slot-booked');
  });

  it('reports an absence', async () => {
    const date = datesOfWeek(app.scenario.week)[1];
    await page.getByLabel('Data').fill(date);
    await page.getByRole('button', { name: 'Invia' }).click();
    const result = page.locator('#absence [role="status"]');
    await expect.poll(() => result.innerText()).toMatch(/Assenza registrata|Errore/);
    expect(await result.innerText()).toMatch(new RegExp(`^Assenza registrata per .+ il ${date}`));
  });
});
