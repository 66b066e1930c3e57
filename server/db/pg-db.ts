/**
 * `Db` on a real PostgreSQL server through a `pg` Pool. A transaction holds one pooled
 * client from BEGIN to COMMIT/ROLLBACK; nested calls reuse it (one transaction, not savepoints).
 */
import pg from 'pg';
import type { Db } from './db.ts';

type Queryable = { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> };

function wrap(client: Queryable, inTx: boolean, pool: pg.Pool): Db {
  const db: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await client.query(sql, params);
      return { rows: r.rows as T[] };
    },
    async transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R> {
      if (inTx) return fn(db);
      const conn = await pool.connect();
      // A connection lost mid-transaction (the server stopped) fails the transaction's query and
      // is reported as an 'error' event as well: without a listener that would crash the process.
      let lost: Error | undefined;
      const onError = (e: Error) => {
        lost = e;
      };
      conn.on('error', onError);
      try {
        await conn.query('BEGIN');
        const result = await fn(wrap(conn, true, pool));
        await conn.query('COMMIT');
        return result;
      } catch (e) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        conn.off('error', onError);
        // A broken connection is closed, not returned to the pool.
        conn.release(lost ?? undefined);
      }
    },
    async close() {
      if (!inTx) await pool.end();
    },
    async hold() {
      const client = await pool.connect();
      let released = false;
      // A held connection that dies (server restart, terminated) must not crash the process.
      const onError = (e: Error) => console.error('[db] held connection lost:', e.message);
      client.on('error', onError);
      return {
        async query<T>(sql: string, params?: unknown[]) {
          const r = await client.query(sql, params);
          return { rows: r.rows as T[] };
        },
        async release() {
          if (released) return;
          released = true;
          // Closed, not returned to the pool: nothing this session held outlives the release.
          client.release(true);
        },
      };
    },
  };
  return db;
}

export interface PgOptions {
  connectionString: string;
  /** Use (and create) this schema instead of `public`: tests get a fresh one each. */
  schema?: string;
  max?: number;
}

export async function openPgDb(opts: PgOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  pool.on('error', (e) => console.error('[db] idle client error:', e.message));
  if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(opts.schema)}`);
  await pool.query('SELECT 1');
  return wrap(pool, false, pool);
}
