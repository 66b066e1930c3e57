/**
 * A `Db` on the real PostgreSQL of the test machine (127.0.0.1:5432, database `test`, or
 * DATABASE_URL_TEST), in a fresh schema with the routing migration applied; `close()` drops
 * the schema. Under CI=true a missing server is a failure, elsewhere the caller may skip.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Db } from '../../db/db.ts';

const MIGRATION = new URL('../../db/migrations/200-routing-cache.sql', import.meta.url);
export const TEST_DATABASE_URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openPostgresTestDb(): Promise<Db> {
  const schema = `routing_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path=${schema}` });
  await pool.query(readFileSync(MIGRATION, 'utf8'));
  const db: Db = {
    kind: 'postgres',
    query: async (sql, params) => ({ rows: (await pool.query(sql, params)).rows }),
    transaction: async (fn) => {
      const client = await pool.connect();
      const tx: Db = {
        ...db,
        query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }),
        transaction: (inner) => inner(tx),
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
  return db;
}
