/**
 * Starts the API in-process on an ephemeral port with a fresh database, for tests over HTTP.
 *
 * Database: PGlite in memory by default (the embedded default, nothing to install), started
 * from a migrated template.
 * Real PostgreSQL when TEST_DATABASE=postgres or CI=true: a fresh schema per app on
 * DATABASE_URL_TEST (set by .ci/run; default postgres://postgres@127.0.0.1:5432/test), dropped on close. Under CI
 * a missing PostgreSQL fails the test: it never silently falls back to PGlite.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppDeps } from '../../server/app.ts';
import { createAccount } from '../../server/accounts/accounts.ts';
import type { Role } from '../../server/auth/context.ts';
import type { Clock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPgDb } from '../../server/db/pg-db.ts';
import { openPgliteDb } from '../../server/db/pglite-db.ts';
import { publishedPlans } from '../../server/plan-store/published.ts';

export const usePostgres = (): boolean => process.env.TEST_DATABASE === 'postgres' || process.env.CI === 'true';

/**
 * initdb and the migrations take seconds in PGlite; a dump of a freshly migrated database, kept
 * in the temp directory under a hash of the migrations and the PGlite version, starts in far
 * less. Written to a temporary name and renamed, so parallel test workers never read half a file.
 */
async function pgliteFromTemplate(): Promise<Db> {
  const dir = fileURLToPath(new URL('../../server/db/migrations/', import.meta.url));
  const hash = createHash('sha256');
  hash.update(
    JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'))
      .version,
  );
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort())
    hash.update(f).update(readFileSync(join(dir, f)));
  const file = join(tmpdir(), `prontivia-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(file)) return openPgliteDb(undefined, new Blob([readFileSync(file)]));
  const db = await openPgliteDb();
  await migrate(db);
  const dump = await db.pglite.dumpDataDir('none');
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return db;
}

export async function freshDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (!usePostgres()) {
    const db = await pgliteFromTemplate();
    return { db, drop: () => db.close() };
  }
  const url = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openPgDb({ connectionString: url, schema, max: 5 });
  return {
    db,
    drop: async () => {
      await db.query(`DROP SCHEMA ${schema} CASCADE`, []);
      await db.close();
    },
  };
}

/** Accounts every test app has: username → how it logs in. Passwords are the username reversed plus "-pw". */
export const TEST_ACCOUNTS: Record<string, { role: Role; driverId?: string; householdId?: string }> = {
  coordinator: { role: 'coordinator' },
  driver: { role: 'driver', driverId: 'drv-a' },
  driver2: { role: 'driver', driverId: 'drv-b' },
  family: { role: 'family', householdId: 'hh-a' },
  family2: { role: 'family', householdId: 'hh-b' },
};
export const passwordOf = (username: string): string => `${[...username].reverse().join('')}-pw`;

export interface TestSession {
  token: string;
  csrfToken: string;
  cookie: string;
  /** fetch with the bearer token. */
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export interface TestApp {
  baseUrl: string;
  db: Db;
  login(username: keyof typeof TEST_ACCOUNTS | Role): Promise<TestSession>;
  close(): Promise<void>;
}

export async function startTestApp(
  overrides: Partial<Omit<AppDeps, 'db' | 'config'>> & {
    env?: Record<string, string>;
    setup?: (db: Db) => Promise<void>;
  } = {},
): Promise<TestApp> {
  const { db, drop } = await freshDb();
  await migrate(db);
  for (const [username, a] of Object.entries(TEST_ACCOUNTS)) {
    await createAccount(db, { username, password: passwordOf(username), ...a });
  }
  await overrides.setup?.(db);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST: 'no-web-in-tests', ...overrides.env });
  const clock: Clock = overrides.clock ?? { now: () => new Date() };
  const app = createApp({ plans: publishedPlans(db), ...overrides, config, db, clock });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    db,
    async login(username) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: passwordOf(username) }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { token: string; csrfToken: string };
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      return {
        token: body.token,
        csrfToken: body.csrfToken,
        cookie,
        fetch: (path, init = {}) => {
          const headers = new Headers(init.headers);
          headers.set('authorization', `Bearer ${body.token}`);
          let payload = init.body;
          if (init.json !== undefined) {
            headers.set('content-type', 'application/json');
            payload = JSON.stringify(init.json);
          }
          return fetch(baseUrl + path, { ...init, headers, body: payload });
        },
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await drop();
    },
  };
}
