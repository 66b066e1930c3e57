/**
 * Safeguarding on a phone-sized screen, on the tiny world's Tuesday run of Anna (drv-a):
 * Giulia (hh-a) and Sofia (hh-b), both children, are brought home in the afternoon.
 * - Sofia is handed over to her grandfather, a delegate, with the family's code of the day; a
 *   wrong code first is refused and the attempt is recorded.
 * - Nobody is home for Giulia: the procedure runs (wait and its impact on the next stop, calls,
 *   coordinator notified) to the safe place, and the coordinator's plan page shows the alert
 *   while the case is open, then its outcome.
 * The server's clock and the phone's clock are the test's (Tuesday 1 December 2026, 16:30).
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/accounts/accounts.ts';
import type { Plan, PlanStop } from '../../server/contract/plan.ts';
import { checkEntity } from '../../server/entities/rules.ts';
import { writeEntity } from '../../server/entities/store.ts';
import { type TestApp, type TestSession, passwordOf, startTestApp } from '../helpers/app.ts';
import { aPassenger } from '../helpers/passenger.ts';
import { OLGIATE, PLAN_DATE, memoryPublishedPlans, seedWorld, worldPlan } from '../helpers/world.ts';
import {
  type Browser,
  buildWeb,
  chromiumAvailable,
  launchBrowser,
  login,
  screenshot,
  seriousA11yViolations,
} from './browser.ts';

const at = (hhmm: string) => `${PLAN_DATE}T${hhmm}:00+01:00`;
const sofia = aPassenger({ id: 'pa-2', name: 'Sofia B.', householdId: 'hh-b' });

/** The world's plan with Sofia on Anna's afternoon: collected at the service after Giulia, home last at 17:00. */
function planWithSofia(): Plan {
  const plan = worldPlan();
  const route = plan.days[0]!.routes[0]!;
  const sp = {
    passengerId: 'pa-2',
    requestId: 'rq-pa-2',
    name: sofia.name,
    mobility: 'walks' as const,
    needsEscort: false,
    direction: 'return' as const,
  };
  const s3 = route.stops.find((s) => s.id === 's-a3')!;
  const pickup: PlanStop = { ...s3, id: 's-a5', requestId: 'rq-pa-2', boards: [sp], alights: [] };
  const home: PlanStop = {
    ...s3,
    id: 's-a6',
    kind: 'delivery',
    requestId: 'rq-pa-2',
    label: 'home',
    ...OLGIATE,
    arrival: at('17:00'),
    start: at('17:00'),
    departure: at('17:02'),
    window: { from: at('16:55'), to: at('17:00') },
    boards: [],
    alights: [sp],
  };
  route.stops.splice(3, 0, pickup);
  route.stops.push(home);
  route.escortId = 'esc-elisa'; // Elisa rides Anna's run
  return plan;
}

/** The Ambito's safeguarding settings: a 10-minute wait, the two safe places, the coordination number. */
const settings = {
  retentionDays: 365,
  waitMinutes: 10,
  safePlaces: [
    { id: 'cdd', label: 'CDD Castellanza', phone: '' },
    { id: 'sociale-castellanza', label: 'Servizi sociali, Comune di Castellanza', phone: '+39 0331 526111' },
  ],
  extraCallNumbers: [{ label: 'Coordinamento', phone: '+39 0331 000000' }],
};

describe.skipIf(!chromiumAvailable())('safeguarding in the browser', () => {
  let app: TestApp;
  let webDir: string;
  let browser: Browser;
  let desk: Browser;
  let phone: Page;
  let coordinator: TestSession;
  let sofiaCode: string;
  const now = new Date(at('16:30'));

  beforeAll(async () => {
    webDir = await buildWeb();
    [app, browser, desk] = await Promise.all([
      startTestApp({
        env: { WEB_DIST: webDir },
        setup: async (db) => {
          await seedWorld(db);
          await writeEntity(db, 'passenger', await checkEntity(db, 'passenger', sofia));
        },
        plans: memoryPublishedPlans(planWithSofia()),
        clock: { now: () => now },
      }),
      launchBrowser({ width: 400, height: 860 }),
      launchBrowser(),
    ]);
    coordinator = await app.login('coordinator');
    const put = await coordinator.fetch('/api/safeguarding/settings', { method: 'PUT', json: settings });
    expect(put.status).toBe(200);
    const nonno = await coordinator.fetch('/api/safeguarding/authorised-persons', {
      method: 'POST',
      json: {
        id: 'ap-nonno-piero',
        passengerId: 'pa-2',
        kind: 'delegate',
        name: 'Piero Bianchi',
        relationship: 'nonno',
        phone: '+39 333 7777777',
        idDocument: { type: 'identity_card', lastDigits: '3318' },
        validFrom: '2026-09-01',
        validTo: '2027-06-30',
        points: ['home_dropoff'],
      },
    });
    expect(nonno.status).toBe(201);
    // The Bianchi family reads today's code in its app on a phone and tells the grandfather.
    const familyPhone = await launchBrowser({ width: 400, height: 860 });
    try {
      const page = await familyPhone.newPage();
      await page.clock.setSystemTime(now);
      await login(page, app.baseUrl, 'family2', passwordOf('family2'));
      await page.goto(`${app.baseUrl}/#/family`);
      const line = page.locator('.family-codes li');
      await line.first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      sofiaCode = /^Sofia B\.: (\d{4})$/.exec(await line.first().innerText())![1]!;
    } finally {
      await familyPhone.close();
    }

    phone = await browser.newPage();
    phone.setDefaultTimeout(60_000);
    await phone.clock.setSystemTime(now);
    await login(phone, app.baseUrl, 'driver', passwordOf('driver'));
    await phone.goto(`${app.baseUrl}/#/driver?date=${PLAN_DATE}`);
    await phone.locator('.stop-card[data-stop-id="s-a6"] .handover').waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    await app?.close();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  const handovers = async () =>
    (
      await app.db.query<{ person_id: string; outcome: string; confirmed_by: string; refusal: string | null }>(
        'SELECT person_id, outcome, confirmed_by, refusal FROM handovers ORDER BY at, recorded_at',
        [],
      )
    ).rows;

  it("records a handover to a delegate with the family's code; a wrong code is refused and the attempt recorded", async () => {
    const card = phone.locator('.stop-card[data-stop-id="s-a6"]');
    const section = card.locator('.handover');
    // Only the people authorised at this point today are offered: the household's adult and the grandfather.
    await expect
      .poll(() => section.locator('.handover-person').allInnerTexts())
      .toEqual([
        'consegnato/a a casa a Luca Bianchi (adulto del nucleo)',
        'consegnato/a a casa a Piero Bianchi (nonno) · identity card …3318',
      ]);
    expect(await seriousA11yViolations(phone)).toEqual([]);

    const wrong = String((Number(sofiaCode) + 1) % 10_000).padStart(4, '0');
    await section.getByLabel(/Codice famiglia/).fill(wrong);
    await section.getByRole('button', { name: /Piero Bianchi/ }).click();
    await expect
      .poll(() => section.locator('.handover-status').innerText())
      .toMatch(/^Rifiutato: code: does not match/);
    expect(await section.locator('.handover-status').getAttribute('role')).toBe('alert');
    await screenshot(phone, 'safeguarding-wrong-code', false);
    expect(await handovers()).toEqual([
      {
        person_id: 'ap-nonno-piero',
        outcome: 'refused',
        confirmed_by: 'code',
        refusal: "code does not match the family's code for today",
      },
    ]);

    await section.getByLabel(/Codice famiglia/).fill(sofiaCode);
    await section.getByRole('button', { name: /Piero Bianchi/ }).click();
    await expect
      .poll(() => section.locator('.handover-status').innerText())
      .toMatch(/^✓ Registrato: Piero Bianchi \(con codice\)/);
    expect((await handovers()).map((r) => `${r.person_id} ${r.outcome} ${r.confirmed_by}`)).toEqual([
      'ap-nonno-piero refused code',
      'ap-nonno-piero accepted code',
    ]);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await screenshot(phone, 'safeguarding-handover', false);
  }, 180_000);

  it('the escort sees her own day on her phone: the run she rides and the children she looks after', async () => {
    await createAccount(app.db, { username: 'elisa', password: 'elisa-pw-123', role: 'escort', escortId: 'esc-elisa' });
    await coordinator.fetch('/api/safeguarding/settings', {
      method: 'PUT',
      json: { ...settings, escortRules: { assistanceFlag: true, ageGroups: ['child'] } },
    });
    const escortPhone = await launchBrowser({ width: 400, height: 860 });
    try {
      const page = await escortPhone.newPage();
      await page.clock.setSystemTime(now);
      await login(page, app.baseUrl, 'elisa', 'elisa-pw-123');
      await page.waitForFunction(() => location.hash.startsWith('#/escort'));
      await page.locator('.escort-run').first().waitFor();
      expect(await page.locator('.escort-run h2').allTextContents()).toEqual([
        'Furgone veh-1, autista drv-a: 07:30–17:00',
      ]);
      const people = await page.locator('.escort-run li').allTextContents();
      // Giulia's two trips and Sofia's return, in boarding order.
      expect(people.map((p) => p.split(' ')[0])).toEqual(['Giulia', 'Giulia', 'Sofia']);
      expect(people.every((p) => p.includes('da accompagnare'))).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'safeguarding-escort-day', false);
    } finally {
      await escortPhone.close();
    }
  }, 180_000);

  it("runs the nobody-home procedure to the safe place while the coordinator's page shows the alert", async () => {
    const coordPage = await desk.newPage();
    coordPage.setDefaultTimeout(60_000); // the plan page's chunk (Leaflet) on a busy shared machine
    await coordPage.clock.setSystemTime(now);
    await login(coordPage, app.baseUrl, 'coordinator', passwordOf('coordinator'));
    await coordPage.goto(`${app.baseUrl}/#/coordinator?week=2026-W49`);
    await coordPage.locator('h1').waitFor();

    const section = phone.locator('.stop-card[data-stop-id="s-a4"] .handover');
    await section.getByRole('button', { name: 'Nessuno a ricevere' }).click();
    const panel = section.locator('.nobody-home-panel');
    await panel.waitFor();
    // Waiting 10 minutes here makes Sofia's drop-off at 17:00 (window to 17:00) 10 minutes late.
    expect(await panel.getByText(/^Attendi fino a/).innerText()).toBe('Attendi fino a 10 min (fino alle 16:40).');
    expect(await panel.locator('.wait-impact li').allInnerTexts()).toEqual(['Fermata 6 (17:00, home): +10 min']);
    expect(await panel.locator('.call-order a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'tel:+393331111111',
      'tel:+390331000000',
    ]);
    await panel.getByRole('button', { name: 'Chiamato: Maria Rossi' }).click();
    await panel.getByRole('button', { name: 'Avvisa il coordinatore' }).click();

    // The coordinator's plan page shows the open case as an alert.
    const alert = coordPage.locator('.sg-alerts .sg-alert');
    await alert.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => alert.innerText(), { timeout: 15_000 })
      .toMatch(/Giulia R\. — fermata s-a4, autista drv-a.*coordinatore avvisato/);
    expect(await seriousA11yViolations(coordPage)).toEqual([]);
    await screenshot(coordPage, 'safeguarding-coordinator-alert', false);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await screenshot(phone, 'safeguarding-nobody-home', false);

    await panel.getByLabel('Luogo sicuro').selectOption('sociale-castellanza');
    await panel.getByRole('button', { name: 'Portato/a al luogo sicuro' }).click();
    const kase = async () =>
      (
        await app.db.query<{ outcome: string | null; safe_place: string | null }>(
          'SELECT outcome, safe_place FROM nobody_home_cases',
          [],
        )
      ).rows;
    await expect.poll(kase).toEqual([{ outcome: 'safe_place', safe_place: 'Servizi sociali, Comune di Castellanza' }]);
    const steps = await app.db.query<{ step: string }>(
      'SELECT step FROM nobody_home_steps ORDER BY at, recorded_at',
      [],
    );
    expect(steps.rows.map((s) => s.step)).toEqual(['wait_started', 'called', 'coordinator_notified', 'safe_place']);

    // Closed: the alert gives way to the outcome on the coordinator's page; the family sees it too.
    await expect
      .poll(() => coordPage.locator('.sg-alerts .sg-closed').innerText(), { timeout: 15_000 })
      .toMatch(/Giulia R\.: portato\/a a Servizi sociali, Comune di Castellanza/);
    expect(await coordPage.locator('.sg-alerts .sg-alert').count()).toBe(0);
    const family = await app.login('family');
    const outcome = await (await family.fetch(`/api/safeguarding/family/outcomes?date=${PLAN_DATE}`)).json();
    expect(outcome.cases[0]).toMatchObject({
      outcome: 'safe_place',
      safePlace: 'Servizi sociali, Comune di Castellanza',
    });
    const audit = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE entity = 'nobody_home' AND action IN ('create', 'event')`,
      [],
    );
    expect(Number(audit.rows[0]!.n)).toBe(4);
  }, 180_000);
});
