/**
 * `Db` on PGlite: PostgreSQL compiled to WebAssembly, running inside this process, so the
 * embedded default speaks exactly the SQL the server speaks. Persistent in a directory, or in
 * memory for tests. PGlite is single-connection: statements are serialised by PGlite itself.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, HeldConnection } from './db.ts';

type Client = PGlite | Transaction;

async function run<T>(client: Client, sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
  if (params && params.length > 0) {
    const r = await client.query<T>(sql, params);
    return { rows: r.rows };
  }
  // Without parameters, allow several statements (migrations) through the simple protocol.
  const results = await client.exec(sql);
  const last = results[results.length - 1];
  return { rows: (last?.rows ?? []) as T[] };
}

/** PGlite has one connection: holding it is sharing it; releasing leaves it open. */
const holdOf = (pg: PGlite) => async (): Promise<HeldConnection> => ({
  query: (sql, params) => run(pg, sql, params),
  release: async () => undefined,
});

function wrapTx(tx: Transaction, pg: PGlite): Db {
  const db: Db = {
    kind: 'pglite',
    query: (sql, params) => run(tx, sql, params),
    transaction: (fn) => fn(db),
    close: async () => undefined,
    hold: holdOf(pg),
  };
  return db;
}

/**
 * dir undefined → in memory. `loadDataDir` starts from a dump (PGlite's `dumpDataDir`) instead
 * of running initdb: tests use a migrated template to start in a fraction of the time.
 */
export async function openPgliteDb(dir?: string, loadDataDir?: Blob): Promise<Db & { pglite: PGlite }> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pg = new PGlite({ dataDir: dir, ...(loadDataDir ? { loadDataDir } : {}) });
  await pg.waitReady;
  return {
    pglite: pg,
    kind: 'pglite',
    query: (sql, params) => run(pg, sql, params),
    transaction: (fn) => pg.transaction((tx) => fn(wrapTx(tx, pg))),
    close: () => pg.close(),
    hold: holdOf(pg),
  };
}
