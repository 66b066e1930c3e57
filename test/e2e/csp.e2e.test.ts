/**
 * The Content-Security-Policy in a real browser, enforced (the other browser tests bypass it to
 * inject axe): every role's pages work under it without one violation — so the policy can stay
 * strict — and markup that did reach the DOM (the failure the XSS test guards against) still
 * runs nothing: an inline handler and an inline script are blocked and reported.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datesOfWeek } from '../../web/state/time.ts';
import { chromiumAvailable, cspViolations, cspWatchedPage, launchBrowser, login, type Browser } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';

describe.skipIf(!chromiumAvailable())('the Content-Security-Policy, enforced in Chromium', () => {
  let app: DemoApp;
  let browser: Browser;
  let runDate = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser(undefined, { enforceCsp: true })]);
    const coordinator = await app.login('coordinator');
    const plan = await app.publish(coordinator, await app.planWeek(coordinator));
    const day = plan.days.find((d) => d.routes.some((r) => r.driverId && r.stops.length > 0))!;
    const route = day.routes.find((r) => r.driverId && r.stops.length > 0)!;
    runDate = day.date;
    await app.addAccount('csp-driver', { role: 'driver', driverId: route.driverId! });
    const travelling = new Set(app.scenario.requests.map((r) => r.passengerId));
    await app.addAccount('csp-family', {
      role: 'family',
      householdId: app.scenario.passengers.find((p) => travelling.has(p.id))!.householdId,
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const watched = () => cspWatchedPage(browser);
  const violations = cspViolations;
  const settle = async (page: Page) => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(300);
  };

  it('the response carries the strict policy', async () => {
    const res = await fetch(`${app.baseUrl}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('every role’s pages run under it without a violation', async () => {
    const page = await watched();
    await login(page, app.baseUrl, 'coordinator', 'rotanidrooc-pw');
    const monday = datesOfWeek(app.scenario.week)[0];
    await page.goto(`${app.baseUrl}/#/coordinator?week=${app.scenario.week}&date=${runDate || monday}`);
    await page.locator('.tl-stop').first().waitFor({ timeout: 60_000 });
    await page.locator('.leaflet-interactive').first().click({ force: true });
    await settle(page);
    for (const hash of ['#/manage/passengers', '#/programme', '#/accounts']) {
      await page.goto(`${app.baseUrl}/${hash}`);
      await settle(page);
    }
    expect(await violations(page)).toEqual([]);
    await page.close();

    const driver = await watched();
    await login(driver, app.baseUrl, 'csp-driver', 'csp-driver-pw');
    await driver.goto(`${app.baseUrl}/#/driver?date=${runDate}`);
    await driver.locator('.stop-card').first().waitFor();
    await settle(driver);
    expect(await violations(driver)).toEqual([]);
    await driver.close();

    const family = await watched();
    await login(family, app.baseUrl, 'csp-family', 'csp-family-pw');
    await family.goto(`${app.baseUrl}/#/family?week=${app.scenario.week}`);
    await settle(family);
    expect(await family.locator('main').innerText()).not.toBe('');
    expect(await violations(family)).toEqual([]);
    await family.close();
  }, 180_000);

  it('injected markup runs nothing: inline handlers and inline scripts are blocked and reported', async () => {
    const page = await watched();
    await login(page, app.baseUrl, 'coordinator', 'rotanidrooc-pw');
    await settle(page);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<img src="data:," onload="window.__ran=(window.__ran||0)+1">';
      document.body.append(box);
      const script = document.createElement('script');
      script.textContent = 'window.__ran=(window.__ran||0)+1';
      document.body.append(script);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran ?? 0)).toBe(0);
    const seen = await violations(page);
    expect(seen.some((v) => v.startsWith('script-src-attr'))).toBe(true);
    expect(seen.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
    await page.close();
  }, 60_000);
});
