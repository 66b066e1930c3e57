/**
 * npm run bench:api — requests/s and p99 latency of the two hottest reads, on embedded defaults
 * (PGlite in a temporary directory, in-process queue, estimated routing): the server runs as
 * `tsx server/main.ts` in its own process, exactly as `npm start` runs it, and autocannon loads it
 * from this one. Measured: a driver reading their run, and the coordinator reading a plan.
 * Setup plans the demo week through the API, waits for the job and publishes the plan.
 * Target: ≥ 1,000 requests/s at p99 < 50 ms. Writes bench/results/api.json.
 *
 * Requests carry `Accept-Encoding: br, gzip, deflate`, as browsers send it, so the plan comes as
 * Brotli (the target row). More rows are reported beside the target figures, never instead of
 * them: the plan for a client that accepts only gzip, the plan revalidated by a browser that holds
 * it (If-None-Match → 304), and the ceilings — the same Brotli and gzip plan bytes from a bare
 * node:http server (bench/same-bytes-server.ts) — which show what autocannon and a server sharing
 * this machine's cores can reach at all. Also recorded: how long Brotli takes on the plan at each
 * quality (the cache pays it once per version) and the load average before each run.
 * Options: --duration S (default 10), --connections N (default 10).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import autocannon from 'autocannon';
import { ScenarioSchema } from '../server/contract/domain.ts';
import { BROTLI_QUALITY } from '../server/http/body-cache.ts';
import { DEMO_PASSWORDS, DEMO_WEEK_PATH } from '../server/seed/demo.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const duration = arg('duration', 10);
const connections = arg('connections', 10);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'prontivia-bench-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: '',
    REDIS_URL: '',
    OSRM_URL: '',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    WEB_DIST: 'none',
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
  };
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let serverLog = '';
  server.stdout.on('data', (b: Buffer) => (serverLog += b.toString()));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, () => serverLog);
  const week = ScenarioSchema.shape.week.parse(JSON.parse(readFileSync(DEMO_WEEK_PATH, 'utf8')).week);

  const call = async (path: string, token?: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(base + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  const login = async (role: keyof typeof DEMO_PASSWORDS) => {
    const r = await call('/api/auth/login', undefined, DEMO_PASSWORDS[role]);
    if (r.status !== 200) throw new Error(`login ${role}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json.token as string;
  };

  try {
    const coord = await login('coordinator');
    console.log(`[bench:api] planning ${week} through the API …`);
    const created = await call('/api/plans', coord, { week });
    if (created.status !== 202) throw new Error(`POST /api/plans: ${created.status} ${JSON.stringify(created.json)}`);
    const { planId, jobId } = created.json as { planId: string; jobId: string };
    for (;;) {
      const job = await call(`/api/jobs/${jobId}`, coord);
      if (job.json?.state === 'completed') break;
      if (['failed', 'cancelled'].includes(job.json?.state))
        throw new Error(`job ${jobId}: ${JSON.stringify(job.json)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const plan = await call(`/api/plans/${planId}`, coord);
    const published = await call(`/api/plans/${planId}/publish`, coord, { version: plan.json.version });
    if (published.status >= 300) throw new Error(`publish: ${published.status} ${JSON.stringify(published.json)}`);

    const driver = await login('driver');
    const me = await call('/api/auth/me', driver);
    const driverId = me.json.user.driverId as string;
    const date =
      (plan.json.days as { date: string; routes: { driverId: string | null }[] }[]).find((d) =>
        d.routes.some((r) => r.driverId === driverId),
      )?.date ?? plan.json.days[0].date;
    const run = await call(`/api/driver/runs/${date}`, driver);
    console.log(`[bench:api] driver ${driverId} on ${date}: ${run.json.route?.stops.length ?? 0} stops`);

    const plain = await rawGet(`${base}/api/plans/${planId}`, coord, {});
    const zipped = await rawGet(`${base}/api/plans/${planId}`, coord, { 'accept-encoding': 'gzip' }, 'gzip');
    const brotli = await rawGet(`${base}/api/plans/${planId}`, coord, browser, 'br');
    const etag = zipped.etag ?? '';
    const planBytes = {
      json: plain.body.length,
      gzip: zipped.body.length,
      br: brotli.body.length,
      brotliQuality: BROTLI_QUALITY,
    };
    console.log(
      `[bench:api] plan ${planId}: ${kb(planBytes.json)} of JSON, ${kb(planBytes.gzip)} gzipped, ` +
        `${kb(planBytes.br)} Brotli (quality ${BROTLI_QUALITY}), ETag ${etag}`,
    );
    const brotliTimes = timeBrotli(plain.body);

    const gzip = { 'accept-encoding': 'gzip' };
    const results: Row[] = [];
    results.push(
      await load('driver run', base, `/api/driver/runs/${date}`, { authorization: `Bearer ${driver}`, ...browser }),
    );
    results.push(
      await load('plan, br', base, `/api/plans/${planId}`, { authorization: `Bearer ${coord}`, ...browser }),
    );
    // Not target figures: a client that accepts only gzip, and a browser that already holds this version (304).
    results.push(
      await load('plan, gzip only', base, `/api/plans/${planId}`, { authorization: `Bearer ${coord}`, ...gzip }),
    );
    results.push(
      await load(
        'plan, 304',
        base,
        `/api/plans/${planId}`,
        { authorization: `Bearer ${coord}`, ...browser, 'if-none-match': etag },
        304,
      ),
    );
    // Nor these: the same bytes from a bare node:http server, what this machine allows at all.
    results.push(await sameBytesCeiling('ceiling: same br bytes', brotli.body, 'br', browser));
    results.push(await sameBytesCeiling('ceiling: same gzip bytes', zipped.body, 'gzip', gzip));
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    const health = await call('/api/health');
    const out = {
      when: new Date().toISOString(),
      backends: health.json,
      cpus: cpus().length,
      connections,
      durationS: duration,
      week,
      planBytes,
      brotliTimes,
      results,
    };
    writeFileSync(new URL('./results/api.json', import.meta.url), JSON.stringify(out, null, 2));
    console.log('[bench:api] wrote bench/results/api.json');
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The Accept-Encoding every current browser sends. */
const browser = { 'accept-encoding': 'br, gzip, deflate' };

/** Milliseconds Brotli takes on the plan's JSON at a few qualities (what the cache pays once per version). */
function timeBrotli(json: Buffer): { quality: number; ms: number; bytes: number }[] {
  return [5, 9, 10, 11].map((quality) => {
    const start = performance.now();
    const out = brotliCompressSync(json, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    });
    const ms = Math.round(performance.now() - start);
    console.log(
      `[bench:api] Brotli quality ${quality}: ${ms} ms → ${kb(out.length)} (load ${loadavg()[0]!.toFixed(2)})`,
    );
    return { quality, ms, bytes: out.length };
  });
}

interface Row {
  name: string;
  path: string;
  /** Status every answer must have: 200, or 304 for the revalidation row. */
  expectStatus: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  total: number;
  /** Answers with another status, and connection errors. */
  wrongStatus: number;
  errors: number;
  kbPerS: number;
  /** 1-minute load average of the machine before the run (autocannon and the server share its cores). */
  loadBefore: number;
  meetsTarget: boolean;
}

async function load(
  name: string,
  base: string,
  path: string,
  headers: Record<string, string>,
  expectStatus = 200,
): Promise<Row> {
  const loadBefore = Number(loadavg()[0]!.toFixed(2));
  const r = await autocannon({ url: base + path, connections, duration, headers });
  const right = expectStatus === 304 ? r['3xx'] : r['2xx'];
  const row: Row = {
    name,
    path,
    expectStatus,
    requestsPerS: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    total: r.requests.total,
    wrongStatus: r.requests.total - right,
    errors: r.errors,
    kbPerS: Math.round(r.throughput.average / 1024),
    loadBefore,
    meetsTarget: r.requests.average >= 1000 && r.latency.p99 < 50 && r.requests.total === right && r.errors === 0,
  };
  console.log(
    `[bench:api] ${row.name.padEnd(22)} ${String(row.requestsPerS).padStart(6)} req/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  ` +
      `${row.kbPerS} kB/s  not ${expectStatus}: ${row.wrongStatus}  load ${loadBefore}  ${row.meetsTarget ? 'meets' : 'MISSES'} ≥1000 req/s at p99 < 50 ms`,
  );
  return row;
}

/** Loads bench/same-bytes-server.ts serving `body` (compressed with `coding`) in its own process, then stops it. */
async function sameBytesCeiling(
  name: string,
  body: Buffer,
  coding: string,
  headers: Record<string, string>,
): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'prontivia-bench-body-'));
  const file = join(dir, `plan.json.${coding}`);
  writeFileSync(file, body);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/same-bytes-server.ts'], {
    env: { ...process.env, BODY_FILE: file, CONTENT_ENCODING: coding, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`same-bytes server exited with ${code}`)));
    });
    return await load(name, `http://127.0.0.1:${port}`, '/', headers);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A GET that keeps the bytes as sent (fetch would unzip them); fails unless they come with `coding`. */
function rawGet(
  url: string,
  token: string,
  headers: Record<string, string>,
  coding?: string,
): Promise<{ body: Buffer; etag?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200)
          return reject(new Error(`GET ${url}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`));
        if (res.headers['content-encoding'] !== coding)
          return reject(
            new Error(`GET ${url}: Content-Encoding ${res.headers['content-encoding']}, expected ${coding}`),
          );
        resolve({ body: Buffer.concat(chunks), etag: res.headers.etag });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHealth(base: string, log: () => string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer /api/health within 120 s; its output:\n${log()}`);
}

main().catch((e: unknown) => {
  console.error(`[bench:api] ${(e as Error).message}`);
  process.exit(1);
});
