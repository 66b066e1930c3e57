/**
 * npm run bench:web — how long until the coordinator sees the demo week: from navigation to
 * the map's route lines and the timeline's stop blocks drawn (the page marks
 * "coordinator-ready"). The real app runs in-process with the demo week planned; headless
 * Chromium loads the page N times (fresh page each time, logged in). Prints the median and
 * writes bench/results/web.json. Target: median ≤ 1.5 s.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, chromiumAvailable, launchBrowser, ROOT } from '../test/e2e/browser.ts';
import { startDemoApp } from '../test/e2e/demo-app.ts';
import { datesOfWeek } from '../web/state/time.ts';

const RUNS = Number(process.env.RUNS ?? 7);

async function main(): Promise<void> {
  if (!chromiumAvailable())
    throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH or apt-get install chromium)`);
  const app = await startDemoApp();
  const browser = await launchBrowser();
  try {
    const coordinator = await app.login('coordinator');
    const plan = await app.planWeek(coordinator);
    const date = datesOfWeek(app.scenario.week)[0];
    const url = `${app.baseUrl}/#/coordinator?week=${app.scenario.week}&date=${date}`;
    const warm = await browser.newPage();
    await warm.goto(`${app.baseUrl}/#/login`);
    await warm.evaluate((token) => localStorage.setItem('prontivia.token', token), coordinator.token);
    await warm.close();

    const timesMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('coordinator-ready').length > 0, undefined, {
        timeout: 30_000,
      });
      const ms = await page.evaluate(() => performance.getEntriesByName('coordinator-ready')[0]!.startTime);
      const counts = await page.evaluate(() => ({
        stops: document.querySelectorAll('.tl-stop').length,
        lines: document.querySelectorAll('.route-line').length,
      }));
      if (counts.stops === 0 || counts.lines === 0)
        throw new Error(`run ${i}: the page marked ready without stops or route lines (${JSON.stringify(counts)})`);
      timesMs.push(ms);
      await page.close();
    }
    const sorted = [...timesMs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const result = {
      bench: 'web',
      what: 'navigation → coordinator map routes + timeline drawn for the demo week',
      scenario: app.scenario.name,
      week: app.scenario.week,
      planVersion: plan.version,
      runs: RUNS,
      timesMs: timesMs.map((t) => Math.round(t)),
      medianMs: Math.round(median),
      maxMs: Math.round(sorted[sorted.length - 1]),
      targetMs: 1500,
      pass: median <= 1500,
      at: new Date().toISOString(),
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'web.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `web: median ${result.medianMs} ms over ${RUNS} runs (max ${result.maxMs} ms; target ≤ 1500 ms) ${result.pass ? 'PASS' : 'FAIL'}`,
    );
    console.log(`     runs: ${result.timesMs.join(', ')} ms → bench/results/web.json`);
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
