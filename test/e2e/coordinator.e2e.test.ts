/**
 * The coordinator's story in a real browser: log in, plan the demo week with the progress bar,
 * drag a stop to another vehicle and see the violation or the new times, re-optimise, publish
 * and see what changed. axe-core finds no serious or critical violation on the pages.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, login, screenshot, seriousA11yViolations, type Browser } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';
import { datesOfWeek } from '../../web/state/time.ts';

describe.skipIf(!chromiumAvailable())('coordinator in the browser', () => {
  let app: DemoApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error(`[page] ${err.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the login page is accessible and in Italian', async () => {
    await page.goto(`${app.baseUrl}/#/login`);
    await page.getByRole('heading', { name: 'Accesso' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'login');
  });

  it('plans the demo week, moves a stop to another vehicle, re-optimises and publishes', async () => {
    try {
      await planMoveReoptimisePublish();
    } catch (err) {
      await screenshot(page, 'coordinator-failure');
      console.error(
        `[status] ${await page
          .locator('p.status')
          .innerText()
          .catch(() => '?')}`,
      );
      throw err;
    }
  }, 60_000);

  async function planMoveReoptimisePublish(): Promise<void> {
    await login(page, app.baseUrl, 'coordinator', 'rotanidrooc-pw');
    const monday = datesOfWeek(app.scenario.week)[0];
    await page.goto(`${app.baseUrl}/#/coordinator?week=${app.scenario.week}&date=${monday}`);
    await page.getByRole('button', { name: 'Pianifica' }).waitFor();
    await page.waitForFunction(() => document.body.dataset.ready !== undefined);

    const jobRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/jobs/')) jobRequests.push(new URL(req.url()).pathname);
    });
    await page.getByRole('button', { name: 'Pianifica' }).click();
    await page.locator('progress').waitFor({ state: 'visible' });
    await page.locator('.tl-stop').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#plan-week')?.disabled);
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(16);
    // The progress came from the job's Server-Sent Events, not from polling.
    expect(jobRequests.some((p) => p.endsWith('/events'))).toBe(true);
    expect(jobRequests.filter((p) => !p.endsWith('/events'))).toEqual([]);
    await screenshot(page, 'coordinator-planned');

    // Select a stop in the timeline: the same stop is highlighted on the map.
    const firstBlock = page.locator('.tl-stop').first();
    const stopId = await firstBlock.getAttribute('data-stop-id');
    await firstBlock.click();
    await expect.poll(() => page.locator(`.stop-selected [data-stop-id="${stopId}"]`).count()).toBe(1);

    // Drag a pickup block onto another vehicle's row.
    const tracks = page.locator('.tl-row .tl-track');
    expect(await tracks.count()).toBeGreaterThan(1);
    const source = page.locator('.tl-row').nth(0).locator('.tl-stop.tl-pickup').first();
    const movedStopId = await source.getAttribute('data-stop-id');
    const fromVehicle = await source.getAttribute('data-vehicle-id');
    const targetTrack = tracks.nth(1);
    const toVehicle = await targetTrack.getAttribute('data-vehicle-id');
    await page.evaluate(() => document.querySelector('.tl-axis')?.scrollIntoView({ block: 'start' }));
    const s = (await source.boundingBox())!;
    const tb = (await targetTrack.boundingBox())!;
    await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
    await page.mouse.down();
    await page.mouse.move(s.x + s.width / 2 + 10, s.y + 20, { steps: 4 });
    await page.mouse.move(s.x + s.width / 2, tb.y + tb.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('status').filter({ hasText: 'Fermata spostata' }).waitFor({ timeout: 20_000 });
    const moved = page.locator(`.tl-stop[data-stop-id="${movedStopId}"]`);
    expect(await moved.getAttribute('data-vehicle-id')).toBe(toVehicle);
    expect(toVehicle).not.toBe(fromVehicle);
    // The coordinator sees either a violation with its reason or the stop's new time.
    const violations = await page.locator('#violations .violation').count();
    const details = await page.locator('#details').innerText();
    expect(violations > 0 || /Orario \d\d:\d\d/.test(details)).toBe(true);
    await screenshot(page, 'coordinator-moved');

    await page.getByRole('button', { name: 'Riottimizza il resto' }).click();
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#reoptimize')?.disabled, undefined, {
      timeout: 60_000,
    });

    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, 'coordinator-publish-dialog');
    await page.getByRole('button', { name: 'Conferma la pubblicazione' }).click();
    await page.getByRole('status').filter({ hasText: 'pubblicato' }).first().waitFor({ timeout: 20_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'coordinator-published');
  }

  it('moves a stop with the keyboard alone (the alternative to dragging) and locks it', async () => {
    const block = page.locator('.tl-row').nth(1).locator('.tl-stop.tl-pickup').first();
    const requestId = await block.getAttribute('data-request-id');
    await block.focus();
    await page.keyboard.press('Enter');
    const select = page.getByLabel('Sposta sul veicolo');
    await select.focus();
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const current = await select.inputValue();
    const target = options.find((v) => v !== current && v.endsWith('.am'))!;
    await select.selectOption(target);
    await page.keyboard.press('Tab');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Fermata spostata' }).waitFor();
    expect(
      await page.locator(`.tl-stop[data-request-id="${requestId}"][data-route-id="${target}"]`).count(),
    ).toBeGreaterThan(0);

    // Lock it: its blocks are drawn locked and the button offers to unlock.
    await page.locator('#details').getByRole('button', { name: 'Blocca' }).click();
    await page.locator('#details').getByRole('button', { name: 'Sblocca' }).waitFor();
    expect(await page.locator(`.tl-stop.tl-locked[data-request-id="${requestId}"]`).count()).toBeGreaterThan(0);
  });

  it('the management screens list passengers and are accessible', async () => {
    await page.goto(`${app.baseUrl}/#/manage/passengers`);
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'manage-passengers');

    // Export the passengers as CSV and import the same file back: every row is accepted.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Esporta CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = csv.trim().split('\n').length - 1;
    expect(rows).toBe(app.scenario.passengers.length);
    await page
      .getByLabel('File CSV da importare')
      .setInputFiles({ name: 'passeggeri.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Importa CSV' }).click();
    await page.getByText(`Importate ${rows} righe.`).waitFor();
  });

  it('adds a vehicle from the management screen', async () => {
    await page.goto(`${app.baseUrl}/#/manage/vehicles`);
    await page.locator('table tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Nuovo' }).click();
    const form = page.getByRole('form', { name: 'Nuovo: Veicoli' });
    const id = await form.getByLabel('Codice').inputValue();
    await form.getByLabel('Nome del veicolo').fill('Pulmino di prova');
    await form.getByLabel('Posti a sedere').fill('8');
    await form.getByLabel('Posti carrozzina').fill('0');
    await form.getByLabel('Indirizzo').fill('Via della Rimessa 1');
    await form.getByLabel('Comune (posiziona al centro)').selectOption('Castellanza');
    await form.getByLabel('Lunedì, Dalle').fill('07:00');
    await form.getByLabel('Lunedì, Alle').fill('18:30');
    await form.getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('cell', { name: 'Pulmino di prova' }).waitFor();
    expect(await page.getByRole('cell', { name: id, exact: true }).count()).toBe(1);
  });

  it('asks for a slot on a family’s behalf', async () => {
    await page.goto(`${app.baseUrl}/#/slots?week=${app.scenario.week}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'slots');
    await page.getByRole('button', { name: 'Cerca orari' }).click();
    await page.getByRole('heading', { name: 'Orari possibili' }).waitFor();
    expect(await page.locator('.slot-results li').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'coordinator-slots');
  });

  it('switches to English', async () => {
    await page.goto(`${app.baseUrl}/#/coordinator?week=${app.scenario.week}`);
    await page.getByLabel('Lingua').selectOption('en');
    await page.getByRole('heading', { name: 'Planning the week' }).waitFor();
    await page.getByRole('button', { name: 'Re-optimise the rest' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'coordinator-english', false);
    await page.getByLabel('Language').selectOption('it');
  });
});
