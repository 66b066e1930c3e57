/**
 * A week planned by several workers (issue 15 item 3): a BullMQ flow on its own queue
 * (`<QUEUE_NAME>-week`), the week as the parent job, which goes through its steps and waits for
 * its children at each (BullMQ's "process step jobs" pattern):
 *
 *   week ── master                        the master week first (one job)
 *        ├─ pm(date) ── am(date)           every date at once: the afternoon after its morning
 *        ├─ …                              (a parent runs after its children)
 *        └─ repair                        the continuity repair, the last child
 *   then the week job assembles the plan and checks every part (solver's exact evaluation).
 *
 * Every job runs its CPU work in a worker thread (week-flow-tasks.ts), so the worker process
 * keeps renewing its lock; the thread lives as long as the worker (task-thread.ts: one per unit of
 * concurrency), so the planner is compiled once per worker, not once per job. A worker killed mid-job loses nothing: the job's lock expires, another
 * worker's stalled-job check puts it back and it runs again (children have fixed ids, so a week
 * job re-run after a kill does not add them twice; its step is kept in its data). The scenario
 * is stored once in Redis beside the queue; every job reads it from there.
 */
import { FlowProducer, type Job, Queue, UnrecoverableError, WaitingChildrenError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { RoutingProvider } from '../routing/provider.ts';
import { DEFAULT_PREFIX, redisOptions } from './redis-options.ts';
import { TaskThread } from './task-thread.ts';
import type { FlowWeek, RepairOutcome, WeekOutcome } from './week-flow-tasks.ts';
import type { PartOutcome } from '../planning/week-split.ts';
import type { ReferenceSnapshot } from '../planning/week-reference.ts';

const TASKS = new URL('./week-flow-tasks.ts', import.meta.url);
const DATA_TTL_S = 7 * 24 * 3600;

export const weekFlowQueueName = (queueName: string): string => `${queueName}-week`;
const dataKey = (prefix: string, queue: string, weekId: string) => `${prefix}:${queue}:week-data:${weekId}`;

type Step = 'master' | 'days' | 'repair' | 'assemble';
interface WeekJobData {
  weekId: string;
  step: Step;
  dates?: string[];
}
interface ChildJobData {
  weekId: string;
  date?: string;
  part?: 'am' | 'pm';
  master?: ReferenceSnapshot;
  outcomes?: PartOutcome[];
}

export interface WeekFlowOptions {
  redisUrl: string;
  /** The base queue name (QUEUE_NAME); the flow uses `<name>-week`. */
  queueName: string;
  prefix?: string;
  attempts?: number;
  backoffMs?: number;
}

const childOpts = (o: WeekFlowOptions, jobId: string) => ({
  jobId,
  attempts: o.attempts ?? 3,
  backoff: { type: 'fixed' as const, delay: o.backoffMs ?? 1000 },
  failParentOnFailure: true,
  removeOnComplete: false,
});

/** Submits a week: stores its scenario beside the queue and adds the week job. Returns the week job's id. */
export async function submitWeek(o: WeekFlowOptions, weekId: string, week: FlowWeek): Promise<string> {
  if (!/^[\w.-]+$/.test(weekId))
    throw new Error(`weekId ${JSON.stringify(weekId)}: letters, digits, '.', '-' and '_' only`);
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const name = weekFlowQueueName(o.queueName);
  const redis = new Redis({ ...redisOptions(o.redisUrl), maxRetriesPerRequest: 3 });
  try {
    await redis.set(dataKey(prefix, name, weekId), JSON.stringify(week), 'EX', DATA_TTL_S);
  } finally {
    redis.disconnect();
  }
  const queue = new Queue(name, { connection: redisOptions(o.redisUrl), prefix });
  try {
    await queue.add('week', { weekId, step: 'master' } satisfies WeekJobData, childOpts(o, weekId));
  } finally {
    await queue.close();
  }
  return weekId;
}

/**
 * Cancels a week: removes its jobs that no worker holds, and its scenario, so that a job still
 * running finishes but every later job of the week fails at once (its scenario is gone) and the
 * week fails with it instead of planning on.
 */
export async function cancelWeek(o: WeekFlowOptions, weekId: string): Promise<void> {
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const name = weekFlowQueueName(o.queueName);
  const redis = new Redis({ ...redisOptions(o.redisUrl), maxRetriesPerRequest: 3 });
  try {
    await redis.del(dataKey(prefix, name, weekId));
  } finally {
    redis.disconnect();
  }
  const queue = new Queue(name, { connection: redisOptions(o.redisUrl), prefix });
  try {
    await queue.remove(weekId, { removeChildren: true }).catch(() => undefined);
  } finally {
    await queue.close();
  }
}

export interface WeekFlowState {
  state: string;
  result?: WeekOutcome;
  failedReason?: string;
  /** Attempts started per job of the week (to show retries), by job id. */
  attempts: Record<string, number>;
}

/** Reads the week job and its children's attempts. */
export async function readWeek(o: WeekFlowOptions, weekId: string): Promise<WeekFlowState> {
  const queue = new Queue(weekFlowQueueName(o.queueName), {
    connection: redisOptions(o.redisUrl),
    prefix: o.prefix ?? DEFAULT_PREFIX,
  });
  try {
    const job = await queue.getJob(weekId);
    if (!job) return { state: 'missing', attempts: {} };
    const attempts: Record<string, number> = {};
    const jobs = await queue.getJobs(['completed', 'active', 'waiting', 'waiting-children', 'failed', 'delayed']);
    for (const j of jobs)
      if (j.id && (j.id === weekId || j.id.startsWith(`${weekId}.`)))
        attempts[j.id] = j.attemptsStarted ?? j.attemptsMade;
    const state = await job.getState();
    // The job was read before its state: if it finished in between, its result was not in that read.
    const finished = state === 'completed' || state === 'failed' ? ((await queue.getJob(weekId)) ?? job) : job;
    return {
      state,
      ...(finished.returnvalue ? { result: finished.returnvalue as WeekOutcome } : {}),
      ...(finished.failedReason ? { failedReason: finished.failedReason } : {}),
      attempts,
    };
  } finally {
    await queue.close();
  }
}

export interface WeekFlowWorkerOptions extends WeekFlowOptions {
  routing: RoutingProvider;
  concurrency?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
  onError?: (e: Error) => void;
}

/** The consumer: what every `npm run worker` process runs beside the plan jobs' consumer. */
export async function startWeekFlowWorker(o: WeekFlowWorkerOptions): Promise<{ close(): Promise<void> }> {
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const name = weekFlowQueueName(o.queueName);
  const connection = redisOptions(o.redisUrl);
  const redis = new Redis({ ...connection, maxRetriesPerRequest: null });
  const flows = new FlowProducer({ connection, prefix });
  const queue = new Queue(name, { connection, prefix });
  const services = { routing: o.routing };

  const weekOf = async (weekId: string): Promise<FlowWeek> => {
    const raw = await redis.get(dataKey(prefix, name, weekId));
    if (!raw)
      throw new UnrecoverableError(
        `week ${weekId}: its scenario is no longer in Redis (cancelled, or older than ${DATA_TTL_S / 3600} h)`,
      );
    return JSON.parse(raw) as FlowWeek;
  };
  const threads = Array.from({ length: o.concurrency ?? 1 }, () => new TaskThread(TASKS, services));
  for (const t of threads) void t.start().catch((e: Error) => o.onError?.(e));
  const thread = <T>(exportName: string, input: unknown, signal?: AbortSignal) =>
    threads
      .reduce((idle, t) => (t.pending < idle.pending ? t : idle))
      .run<T>(exportName, input, signal ? { signal } : {});
  const valuesOf = async (job: Job) => {
    const values = (await job.getChildrenValues()) as Record<string, unknown>;
    const byId = new Map<string, unknown>();
    for (const [key, v] of Object.entries(values)) byId.set(key.slice(key.lastIndexOf(':') + 1), v);
    return byId;
  };
  const parent = (job: Job) => ({ id: job.id!, queue: job.queueQualifiedName });

  const processWeek = async (job: Job<WeekJobData>, token: string): Promise<WeekOutcome> => {
    const { weekId } = job.data;
    for (;;) {
      const step = job.data.step;
      if (step === 'master') {
        await queue.add('master', { weekId } satisfies ChildJobData, {
          ...childOpts(o, `${weekId}.master`),
          parent: parent(job),
        });
        await job.updateData({ ...job.data, step: 'days' });
      } else if (step === 'days') {
        const master = (await valuesOf(job)).get(`${weekId}.master`) as ReferenceSnapshot;
        const week = await weekOf(weekId);
        const dates = await datesOf(week);
        for (const date of dates)
          await flows.add({
            name: 'pm',
            queueName: name,
            data: { weekId, date, part: 'pm', master } satisfies ChildJobData,
            opts: { ...childOpts(o, `${weekId}.${date}.pm`), parent: parent(job) },
            children: [
              {
                name: 'am',
                queueName: name,
                data: { weekId, date, part: 'am', master } satisfies ChildJobData,
                opts: childOpts(o, `${weekId}.${date}.am`),
              },
            ],
          });
        await job.updateData({ ...job.data, step: 'repair', dates });
      } else if (step === 'repair') {
        const values = await valuesOf(job);
        const master = values.get(`${weekId}.master`) as ReferenceSnapshot;
        const outcomes = (job.data.dates ?? []).flatMap((d) => {
          const v = values.get(`${weekId}.${d}.pm`) as { am: PartOutcome | null; pm: PartOutcome | null };
          return [v.am, v.pm].filter((x): x is PartOutcome => x !== null);
        });
        await queue.add('repair', { weekId, master, outcomes } satisfies ChildJobData, {
          ...childOpts(o, `${weekId}.repair`),
          parent: parent(job),
        });
        await job.updateData({ ...job.data, step: 'assemble' });
      } else {
        const values = await valuesOf(job);
        const master = values.get(`${weekId}.master`) as ReferenceSnapshot;
        const repaired = values.get(`${weekId}.repair`) as RepairOutcome;
        const outcome = await thread<WeekOutcome>('assembleTask', {
          week: await weekOf(weekId),
          master,
          outcomes: repaired.outcomes,
        });
        return { ...outcome, repair: repaired.report };
      }
      if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
    }
  };

  const datesOf = async (week: FlowWeek): Promise<string[]> => thread<string[]>('datesTask', week);

  const processChild = async (job: Job<ChildJobData>): Promise<unknown> => {
    const week = await weekOf(job.data.weekId);
    if (job.name === 'master') return thread<ReferenceSnapshot>('masterTask', week);
    if (job.name === 'am')
      return thread<PartOutcome | null>('partTask', { week, master: job.data.master, date: job.data.date, part: 'am' });
    if (job.name === 'pm') {
      const am = [...(await valuesOf(job)).values()][0] as PartOutcome | null;
      const pm = await thread<PartOutcome | null>('partTask', {
        week,
        master: job.data.master,
        date: job.data.date,
        part: 'pm',
        morning: am,
      });
      return { am, pm };
    }
    if (job.name === 'repair')
      return thread<RepairOutcome>('repairTask', { week, master: job.data.master, outcomes: job.data.outcomes });
    throw new Error(`unknown job ${job.name}`);
  };

  const worker = new Worker(
    name,
    async (job: Job, token?: string) =>
      job.name === 'week' ? processWeek(job as Job<WeekJobData>, token!) : processChild(job as Job<ChildJobData>),
    {
      connection: { ...connection, maxRetriesPerRequest: null },
      prefix,
      concurrency: o.concurrency ?? 1,
      lockDuration: o.lockDurationMs ?? 30_000,
      stalledInterval: o.stalledIntervalMs ?? 30_000,
      maxStalledCount: o.maxStalledCount ?? 2,
    },
  );
  worker.on('error', (e) => o.onError?.(e));
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      await Promise.all(threads.map((t) => t.close()));
      await flows.close();
      await queue.close();
      redis.disconnect();
    },
  };
}
