/**
 * The driver's story on a phone-sized screen: today's run from the published plan, stops in
 * order with needs icons and a geo: link; Arrivato/Salito taps reach the server, also when the
 * connection drops for a while (queued, then sent); the printable manifest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Plan } from '../../server/contract/plan.ts';
import { chromiumAvailable, launchBrowser, login, screenshot, seriousA11yViolations, type Browser } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';

describe.skipIf(!chromiumAvailable())('driver in the browser', () => {
  let app: DemoApp;
  let browser: Browser;
  let page: Page;
  let plan: Plan;
  let date: string;
  let stopCount: number;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser({ width: 400, height: 860 })]);
    const coordinator = await app.login('coordinator');
    plan = await app.publish(coordinator, await app.planWeek(coordinator));
    const day = plan.days.find((d) => d.routes.some((r) => r.driverId && r.stops.length > 0))!;
    const route = day.routes.find((r) => r.driverId && r.stops.length > 0)!;
    date = day.date;
    stopCount = day.routes.filter((r) => r.driverId === route.driverId).reduce((n, r) => n + r.stops.length, 0);
    await app.addAccount('autista-e2e', { role: 'driver', driverId: route.driverId! });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const recordedEvents = async () =>
    (await app.db.query<{ type: string }>('SELECT type FROM stop_events ORDER BY recorded_at', [])).rows.map(
      (r) => r.type,
    );

  it('shows the run in order and records Arrivato and, after a dropped connection, Salito', async () => {
    // The driver works on the day of the run: the phone's clock says so (events carry their time).
    await page.clock.setSystemTime(new Date(`${date}T07:30:00+01:00`));
    await login(page, app.baseUrl, 'autista-e2e', 'autista-e2e-pw');
    await page.goto(`${app.baseUrl}/#/driver?date=${date}`);
    await page.locator('.stop-card').first().waitFor();
    expect(await page.locator('.stop-card').count()).toBe(stopCount);
    expect(await page.locator('.stop-card .nav-link').first().getAttribute('href')).toMatch(/^geo:\d+\.\d+,\d+\.\d+/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'driver-run', false);

    const first = page.locator('.stop-card').first();
    await first.getByRole('button', { name: 'Arrivato' }).click();
    await expect.poll(recordedEvents).toEqual(['arrived']);

    await browser.context.setOffline(true);
    await first
      .getByRole('button', { name: /^Salito/ })
      .first()
      .click();
    await page.getByText('1 evento in attesa di invio').waitFor();
    await screenshot(page, 'driver-offline-queue', false);
    expect(await recordedEvents()).toEqual(['arrived']);
    await browser.context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(recordedEvents).toEqual(['arrived', 'boarded']);
    await expect.poll(() => page.locator('.queue-status').innerText()).toBe('');
  });

  it('prints a manifest without buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.stop-actions').first().isVisible()).toBe(false);
    expect(await page.locator('.stop-time').first().isVisible()).toBe(true);
    await screenshot(page, 'driver-print');
    await page.emulateMedia({ media: 'screen' });
  });
});
