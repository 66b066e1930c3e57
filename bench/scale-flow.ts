/**
 * The `scale-10k` benchmark set (issue 15 item 3): the 10,000-passenger week over the province of
 * Varese (`npm run scenario -- --passengers 10000 --area province --seed 3`) planned by N worker
 * processes (`server/flow-worker.ts`, started here as child processes) on a real Redis
 * (REDIS_URL, default redis://127.0.0.1:6379, a fresh queue name per run). The province's
 * planning zones (~1,000 passengers each, with their own vans) are submitted as one week flow
 * each — master week, (date, part) jobs, continuity repair, assembly — and the workers take the
 * jobs of all of them. --time-limit is each zone's week budget in seconds (its (date, part) jobs
 * get their share of it). Every zone's plan is checked twice: the solver's exact evaluation
 * (done by the flow's assembly) and the independent plan checker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PlanSchema } from '../server/contract/plan.ts';
import { loadProvinceMunicipalities } from '../server/geo/province-municipalities.ts';
import { DEFAULT_PREFIX, redisOptions } from '../server/queue/redis-options.ts';
import { submitWeek, weekFlowQueueName } from '../server/queue/week-flow.ts';
import type { WeekOutcome } from '../server/queue/week-flow-tasks.ts';
import { parseRoutingConfig } from '../server/routing/config.ts';
import { createRoutingProvider } from '../server/routing/create-routing-provider.ts';
import { generateScenario } from '../server/scenarios/generate-scenario.ts';
import { provinceZones, splitByZone, zoneCount } from '../server/scenarios/province-zones.ts';
import { checkPlan } from '../test/helpers/plan-checker.ts';
import type { BenchOptions } from './args.ts';
import type { BenchReport } from './report.ts';

export const SCALE_10K_PASSENGERS = 10_000;
export const SCALE_10K_SEED = 3;
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const POLL_MS = 2000;

const round1 = (x: number): number => Math.round(x * 10) / 10;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function startWorker(env: Record<string, string>, log: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, 'server/flow-worker.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      log.push(d.toString());
      if (d.toString().includes('taking week-flow jobs')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    child.once('exit', (code) =>
      reject(new Error(`a worker exited with ${code} before it was ready:\n${log.join('')}`)),
    );
  });
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const hard = setTimeout(() => c.kill('SIGKILL'), 10_000);
          c.once('exit', () => {
            clearTimeout(hard);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}

export async function scale10kSet(options: BenchOptions): Promise<BenchReport> {
  const passengers = options.passengers ?? SCALE_10K_PASSENGERS;
  const workers = options.workers ?? 1;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queueName = `bench-scale10k-${randomBytes(4).toString('hex')}`;
  const opts = { redisUrl, queueName };
  const routing = createRoutingProvider(parseRoutingConfig(process.env));

  const genStarted = performance.now();
  const scenario = generateScenario({ passengers, seed: SCALE_10K_SEED, area: 'province' });
  const zones = splitByZone(scenario, provinceZones(loadProvinceMunicipalities(), zoneCount(passengers)));
  const generateS = (performance.now() - genStarted) / 1000;
  process.stderr.write(
    `scale-10k: ${passengers} passengers in ${zones.length} zones generated in ${generateS.toFixed(1)} s; starting ${workers} worker(s) on ${queueName}\n`,
  );

  const log: string[] = [];
  const children: ChildProcess[] = [];
  const queue = new Queue(weekFlowQueueName(queueName), { connection: redisOptions(redisUrl), prefix: DEFAULT_PREFIX });
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 10_000);
  try {
    const env = { REDIS_URL: redisUrl, QUEUE_NAME: queueName, WORKER_CONCURRENCY: '1' };
    for (let i = 0; i < workers; i++) children.push(await startWorker(env, log));
    const loadAtStart = loadavg();

    const started = performance.now();
    const weekIds = new Map<string, number>();
    for (const { zone, scenario: data } of zones) {
      const weekId = `scale10k-${zone.id}`;
      await submitWeek(opts, weekId, {
        data,
        week: data.week,
        seed: options.seed,
        timeLimitMs: options.timeLimitS * 1000,
        ...(options.iterations !== undefined ? { maxIterationsPerDay: options.iterations } : {}),
        routingName: routing.name,
      });
      weekIds.set(weekId, 0);
    }
    for (;;) {
      for (const id of weekIds.keys()) {
        if (weekIds.get(id)) continue;
        const state = await queue.getJobState(id);
        if (state === 'completed' || state === 'failed') weekIds.set(id, performance.now());
      }
      const left = [...weekIds.values()].filter((t) => t === 0).length;
      if (left === 0) break;
      for (const c of children)
        if (c.exitCode !== null) throw new Error(`a worker exited (${c.exitCode}) mid-run:\n${log.join('')}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const wallS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const loadAtEnd = loadavg();

    // Per-job figures from BullMQ's own timestamps (start and end of each job's last attempt).
    const jobs = (await queue.getJobs(['completed', 'failed'])).filter((j) => j.name !== 'week');
    const jobS = jobs.map((j) => ((j.finishedOn ?? 0) - (j.processedOn ?? 0)) / 1000);
    const retried = jobs.filter((j) => j.attemptsMade > 1).length;
    const byKind = (name: string) =>
      jobs.filter((j) => j.name === name).map((j) => ((j.finishedOn ?? 0) - (j.processedOn ?? 0)) / 1000);
    const weekJobs = weekIds.size * 4; // a week job runs once per step: master, days, repair, assemble

    const rows: BenchReport['rows'] = [];
    const violations: string[] = [];
    let served = 0;
    let unserved = 0;
    for (const { zone, scenario: data } of zones) {
      const weekId = `scale10k-${zone.id}`;
      // The week job alone (readWeek would fetch every job of the queue again for each zone).
      const job = await queue.getJob(weekId);
      const done = {
        state: job ? await job.getState() : 'missing',
        result: job?.returnvalue as WeekOutcome | undefined,
        failedReason: job?.failedReason,
      };
      if (done.state !== 'completed' || !done.result) {
        violations.push(`${zone.id}: the week ${done.state}: ${done.failedReason ?? ''}`);
        rows.push({ zone: zone.id, passengers: data.passengers.length, state: done.state });
        continue;
      }
      const plan = PlanSchema.parse(done.result.plan);
      violations.push(...done.result.violations.map((v) => `${zone.id} ${v}`));
      violations.push(...checkPlan(plan, data).map((v) => `${zone.id} ${v.date} ${v.routeId} ${v.code}: ${v.message}`));
      served += plan.summary.tripsServed;
      unserved += plan.summary.tripsUnserved;
      rows.push({
        zone: zone.id,
        comuni: zone.comuni.length,
        passengers: data.passengers.length,
        state: done.state,
        served: plan.summary.tripsServed,
        unserved: plan.summary.tripsUnserved,
        vehicles: plan.summary.vehicles,
        km: plan.summary.km,
        sameVehiclePct: done.result.continuity.sameVehiclePct,
        doneAfterS: round1((weekIds.get(weekId)! - started) / 1000),
      });
    }
    for (const v of violations.slice(0, 10)) process.stderr.write(`  ${v}\n`);
    const solveJobs = jobs.length;
    return {
      set: 'scale-10k',
      options,
      columns: ['zone', 'comuni', 'passengers', 'served', 'unserved', 'vehicles', 'km', 'sameVehiclePct', 'doneAfterS'],
      rows,
      summary: {
        passengers,
        zones: zones.length,
        workers,
        zoneWeekBudgetS: options.timeLimitS,
        generateS: round1(generateS),
        wallS: round1(wallS),
        jobs: solveJobs,
        weekJobRuns: weekJobs,
        jobsPerMin: round1(solveJobs / (wallS / 60)),
        jobMedianS: round1(median(jobS)),
        jobMaxS: round1(Math.max(...jobS)),
        partJobMedianS: round1(median([...byKind('am'), ...byKind('pm')])),
        masterJobMedianS: round1(median(byKind('master'))),
        repairJobMedianS: round1(median(byKind('repair'))),
        retriedJobs: retried,
        tripsServed: served,
        tripsUnserved: unserved,
        feasible: violations.length === 0,
        violations: violations.length,
        load1AtStart: round1(loadAtStart[0]),
        load1Mean: round1(loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : loadAtEnd[0]),
        load1Max: round1(Math.max(loadAtStart[0], loadAtEnd[0], ...loads)),
        provider: routing.name,
        queue: queueName,
      },
    };
  } finally {
    clearInterval(sampler);
    await stopWorkers(children);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    const redis = new Redis({ ...redisOptions(redisUrl), maxRetriesPerRequest: 3 });
    const keys = await redis.keys(`${DEFAULT_PREFIX}:${weekFlowQueueName(queueName)}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}
