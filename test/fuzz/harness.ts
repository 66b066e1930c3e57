/**
 * The fuzz harness: the real app (the tiny hand-checkable world, a published plan, a real
 * embedded queue that accepts jobs — no consumer, so no solve runs), every operation of its
 * OperationRegistry — so routes added later are covered without touching this file — called by
 * every role (anonymous, coordinator, driver, family) with generated valid and broken params,
 * queries and bodies. Checks per request: no 5xx; a 400 names the field(s) in error.details;
 * any other 4xx has a code and a message; after a refused write the data read back (every table
 * but the audit log, sessions and the job queue) is unchanged.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createAccount } from '../../server/accounts/accounts.ts';
import type { Db } from '../../server/db/db.ts';
import { OperationRegistry, type Operation } from '../../server/openapi/registry.ts';
import { EmbeddedQueue } from '../../server/queue/embedded-queue.ts';
import { isoWeekDates } from '../../server/domain/calendar.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { seedPublishedAndDraft, seedWorld } from '../helpers/world.ts';
import { invalidArb, jsonSchemaOf, nastyParam, type Pools, validArb } from './arbitrary.ts';

export type Role = 'anonymous' | 'coordinator' | 'driver' | 'family';
export const ROLES: Role[] = ['anonymous', 'coordinator', 'driver', 'family'];

export interface FuzzFailure {
  request: string;
  status: number;
  why: string;
  body: string;
}

export interface FuzzStats {
  requests: number;
  operations: number;
  byStatus: Record<string, number>;
  fiveXx: number;
  failures: FuzzFailure[];
  refusedWritesChecked: number;
  ms: number;
}

interface Generated {
  role: Role;
  params: Record<string, string>;
  rawPath?: string;
  query: Record<string, unknown>;
  body: unknown;
  valid: boolean;
}

/** Tables whose rows are not "the data": logs, sessions, the job queue, caches. */
const NOT_DATA = /audit|session|queue|job|routing_matrix|cache|login|attempt|migration/;

export interface Fuzzer {
  operations: Operation[];
  run(opts: { runs: number; seed?: number; onProgress?: (s: FuzzStats) => void }): Promise<FuzzStats>;
  close(): Promise<void>;
}

export async function startFuzzer(): Promise<Fuzzer> {
  const registry = new OperationRegistry();
  let queue: EmbeddedQueue | undefined;
  const overrides: NonNullable<Parameters<typeof startTestApp>[0]> = {
    registry,
    clock: { now: () => new Date('2026-11-25T09:00:00+01:00') },
    env: { LOGIN_RATE_PER_MIN: '1000', LOGIN_RATE_PER_SOURCE_PER_MIN: '100000' },
    setup: async (db) => {
      await seedWorld(db);
      await seedPublishedAndDraft(db);
      queue = new EmbeddedQueue({ db, name: `fuzz-${randomUUID()}`, attempts: 1, backoffMs: 100 });
      await queue.started();
      overrides.queue = queue;
    },
  };
  const app = await startTestApp(overrides);
  // Accounts the account routes may disable, reset or delete (never the ones the fuzzer logs in with).
  const spare: string[] = [];
  for (let i = 0; i < 3; i++) {
    const a = await createAccount(app.db, {
      username: `spare-${i}`,
      password: `spare-${i}-password-long`,
      role: 'driver',
      driverId: 'drv-b',
    });
    spare.push((a as { id: string }).id);
  }
  const pools = await poolsOf(app.db, spare);
  const tables = await dataTables(app.db);
  const sessions = new Map<Role, TestSession>();
  const sessionOf = async (role: Role, fresh = false) => {
    if (role === 'anonymous') return undefined;
    if (fresh || !sessions.has(role)) sessions.set(role, await app.login(role));
    return sessions.get(role)!;
  };
  const operations = registry.all();
  return {
    operations,
    run: (opts) => runAll(app, operations, pools, tables, sessionOf, opts),
    close: async () => {
      await queue?.close();
      await app.close();
    },
  };
}

async function poolsOf(db: Db, spare: string[]): Promise<Pools> {
  const { rows } = await db.query<{ id: string }>('SELECT DISTINCT id FROM entities', []);
  const plans = await db.query<{ id: string }>('SELECT id FROM plans', []);
  const dates = [...isoWeekDates('2026-W49'), '2026-11-25', '2027-01-04', '2026-02-28'];
  return {
    ids: [...rows.map((r) => r.id), ...plans.rows.map((r) => r.id), ...spare, 'missing-id', 'stop-1'],
    dates,
    weeks: ['2026-W49', '2026-W48', '2026-W50', '2027-W01'],
  };
}

async function dataTables(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    [],
  );
  return rows.map((r) => r.table_name).filter((t) => !NOT_DATA.test(t));
}

/** A digest of every data table: equal digests mean the data read back is the same. */
async function digest(db: Db, tables: string[]): Promise<string> {
  // One round trip for every table: the digest runs after each refused write.
  const sql = tables
    .map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM ${t} x`)
    .join(' UNION ALL ');
  const { rows } = await db.query<{ t: string; d: string }>(sql, []);
  return rows.map((r) => `${r.t}:${r.d}`).join(',');
}

function requestArb(op: Operation, pools: Pools): fc.Arbitrary<Generated> {
  const part = (s: Operation['params']) => (s ? validArb(jsonSchemaOf(s), pools) : fc.constant(undefined));
  const valid = fc.record({
    params: part(op.params),
    query: part(op.query),
    body: op.bodyType === 'text/csv' ? csvArb : part(op.body),
  });
  const names = paramNames(op.path);
  const broken = valid.chain((v) =>
    fc.oneof(
      fc.record({
        params: invalidArb(fc.constant(v.params ?? {})),
        query: fc.constant(v.query),
        body: fc.constant(v.body),
      }),
      fc.record({
        params: fc.constant(v.params),
        query: invalidArb(fc.constant(v.query ?? {})),
        body: fc.constant(v.body),
      }),
      fc.record({
        params: fc.constant(v.params),
        query: fc.constant(v.query),
        body: invalidArb(fc.constant(v.body ?? {})),
      }),
      ...(names.length
        ? [
            fc.record({
              params: fc.dictionary(fc.constantFrom(...names), nastyParam, { minKeys: 1 }),
              query: fc.constant(v.query),
              body: fc.constant(v.body),
            }),
          ]
        : []),
    ),
  );
  return fc
    .tuple(fc.constantFrom(...ROLES), fc.boolean(), valid, broken, fc.constantFrom(undefined, '%E0%A4%A', '%00', '..'))
    .map(([role, isValid, ok, bad, raw]) => {
      const chosen = isValid ? ok : bad;
      return {
        role,
        valid: isValid,
        params: stringify(chosen.params) as Record<string, string>,
        rawPath: !isValid && paramNames(op.path).length > 0 ? raw : undefined,
        query: (chosen.query ?? {}) as Record<string, unknown>,
        body: chosen.body,
      };
    });
}

const csvArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    'id,name\n1,=cmd',
    'id,name,householdId\nx,"a\u0000b",hh-a',
    '\ufeffid;name\n"unterminated',
    'a,b,c\n'.repeat(50),
  ),
);

const paramNames = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

function stringify(params: unknown): Record<string, string> {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return {};
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
  );
}

function urlOf(op: Operation, g: Generated): string {
  let path = op.path.replace(/:(\w+)/g, (_m, name: string) => {
    const v = g.params[name];
    return encodeParam(v === undefined || v === '' ? 'x' : v);
  });
  if (g.rawPath) path = path.replace(/\/[^/]+$/, `/${g.rawPath}`);
  const search = new URLSearchParams();
  // A broken query may be a bare value rather than an object: sent as one parameter.
  const query = g.query && typeof g.query === 'object' && !Array.isArray(g.query) ? g.query : { q: g.query };
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) search.append(k, typeof x === 'string' ? x : JSON.stringify(x));
    else search.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const qs = [...search.entries()].map(([k, v]) => `${encodeParam(k)}=${encodeParam(v)}`).join('&');
  return qs ? `${path}?${qs}` : path;
}

/** encodeURIComponent, except that a lone surrogate is sent as the invalid UTF-8 bytes a raw client would send. */
function encodeParam(v: string): string {
  const marked = v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return encodeURIComponent(marked).replaceAll('%EF%BF%BD', '%ED%A0%80');
}

const WRITE = new Set(['post', 'put', 'patch', 'delete']);
/** Routes that may end the session they are called with: the harness logs in again after them. */
const ENDS_SESSION = /\/api\/auth\/(logout|password)$/;

async function runAll(
  app: TestApp,
  operations: Operation[],
  pools: Pools,
  tables: string[],
  sessionOf: (role: Role, fresh?: boolean) => Promise<TestSession | undefined>,
  opts: { runs: number; seed?: number; onProgress?: (s: FuzzStats) => void },
): Promise<FuzzStats> {
  const started = performance.now();
  const stats: FuzzStats = {
    requests: 0,
    operations: operations.length,
    byStatus: {},
    fiveXx: 0,
    failures: [],
    refusedWritesChecked: 0,
    ms: 0,
  };
  let known = await digest(app.db, tables);
  const perOp = Math.max(ROLES.length * 2, Math.ceil(opts.runs / operations.length));
  let seed = opts.seed ?? Date.now() % 2 ** 31;
  const log = console.error;
  let lastServerError = '';
  console.error = (...args: unknown[]) => {
    lastServerError = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ');
  };
  try {
    for (const op of operations) {
      const samples = fc.sample(requestArb(op, pools), { numRuns: perOp, seed: seed++ });
      for (const g of samples) {
        const session = await sessionOf(g.role);
        const url = urlOf(op, g);
        const headers: Record<string, string> = {};
        if (session) headers.authorization = `Bearer ${session.token}`;
        let body: string | undefined;
        if (op.method !== 'get' && g.body !== undefined) {
          headers['content-type'] = op.bodyType ?? 'application/json';
          body = typeof g.body === 'string' && op.bodyType ? g.body : JSON.stringify(g.body);
        }
        lastServerError = '';
        const res = await fetch(app.baseUrl + url, { method: op.method.toUpperCase(), headers, body });
        const text = await res.text();
        stats.requests++;
        stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
        const request = `${g.role} ${op.method.toUpperCase()} ${url.slice(0, 300)} ${body?.slice(0, 300) ?? ''}`;
        const fail = (why: string) =>
          stats.failures.length < 200 &&
          stats.failures.push({
            request,
            status: res.status,
            why,
            body: `${text.slice(0, 300)} ${lastServerError.slice(0, 600)}`,
          });
        if (res.status >= 500) {
          stats.fiveXx++;
          fail('5xx');
        } else if (res.status >= 400) {
          const err = safeJson(text)?.error as
            | { code?: string; message?: string; details?: { path?: string }[] }
            | undefined;
          if (!err?.code || !err.message) fail('4xx without code and message');
          else if (
            res.status === 400 &&
            !(err.details?.length && err.details.every((d) => typeof d.path === 'string' && d.path !== ''))
          )
            fail('400 without the field in error.details');
          if (WRITE.has(op.method)) {
            const now = await digest(app.db, tables);
            stats.refusedWritesChecked++;
            if (now !== known) {
              fail('a refused write changed the data');
              known = now;
            }
          }
        } else if (WRITE.has(op.method)) {
          known = await digest(app.db, tables);
        }
        if (ENDS_SESSION.test(op.path) && res.ok) await sessionOf(g.role, true);
        if (res.status === 401 && session) await sessionOf(g.role, true);
        if (stats.requests % 500 === 0) opts.onProgress?.(stats);
      }
    }
  } finally {
    console.error = log;
  }
  stats.ms = Math.round(performance.now() - started);
  return stats;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}
