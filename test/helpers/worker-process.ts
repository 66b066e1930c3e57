/**
 * Real `server/worker.ts` processes for the kill tests, on a scratch PostgreSQL database and a
 * fresh queue name: node with the tsx loader (so SIGKILL hits the worker itself, not a wrapper),
 * their output kept so a timeout can show what they did.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Db } from '../../server/db/db.ts';
import { openPgDb } from '../../server/db/pg-db.ts';
import { redisReachable } from '../integration/queue-suite.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PG_URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

async function pgReachable(): Promise<boolean> {
  try {
    const db = await openPgDb({ connectionString: PG_URL, max: 1 });
    await db.close();
    return true;
  } catch {
    return false;
  }
}

/** Under CI a missing Redis or PostgreSQL fails the test; elsewhere it is skipped without them. */
export const workerServicesUp = async (): Promise<boolean> =>
  process.env.CI === 'true' || ((await redisReachable()) && (await pgReachable()));

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The worker processes of one test, on their own database and queue name. */
export class Workers {
  /** Everything the workers printed, in order. */
  readonly log: string[] = [];
  readonly queueName: string;
  readonly dbName: string;
  readonly databaseUrl: string;
  private readonly children: ChildProcess[] = [];
  private admin: Db | undefined;

  constructor(prefix: string) {
    const tag = randomBytes(5).toString('hex');
    this.dbName = `${prefix}_${tag}`;
    this.queueName = `test-${prefix}-${tag}`;
    this.databaseUrl = PG_URL.replace(/\/[^/]*$/, `/${this.dbName}`);
  }

  /** Creates the workers' empty database. */
  async createDatabase(): Promise<void> {
    this.admin = await openPgDb({ connectionString: PG_URL, max: 1 });
    await this.admin.query(`CREATE DATABASE ${this.dbName}`);
  }

  /** Starts one worker on the database and queue; short lock and stall times so a killed job is retried soon. */
  start(): ChildProcess {
    const env = {
      REDIS_URL,
      DATABASE_URL: this.databaseUrl,
      QUEUE_NAME: this.queueName,
      QUEUE_LOCK_MS: '3000',
      QUEUE_STALLED_MS: '1000',
      SEED_DEMO: 'false',
      OSRM_URL: '',
    };
    const child = spawn(process.execPath, ['--import', TSX_LOADER, 'server/worker.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => this.log.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.log.push(d.toString()));
    this.children.push(child);
    return child;
  }

  /** SIGKILLs a worker and waits for it to be gone. */
  async kill(child: ChildProcess): Promise<void> {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** Polls `probe` every 50 ms until it gives a truthy value, or fails naming `what` with the workers' output. */
  async until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; worker output:\n${this.log.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the workers still running. */
  killAll(): void {
    for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }

  /** Drops the workers' database (close the test's own connections to it first). */
  async dropDatabase(): Promise<void> {
    await this.admin?.query(`DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`);
    await this.admin?.close();
  }
}
