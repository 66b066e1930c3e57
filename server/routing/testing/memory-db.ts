/**
 * A `Db` on an in-memory PGlite for the routing tests, with the routing migration applied —
 * the same SQL the server runs on PostgreSQL, without depending on the server's Db wiring.
 */
import { readFileSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db } from '../../db/db.ts';

const MIGRATION = new URL('../../db/migrations/200-routing-cache.sql', import.meta.url);

function wrap(client: PGlite | Transaction, close: () => Promise<void>): Db {
  const db: Db = {
    kind: 'pglite',
    query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows as never[] }),
    transaction: (fn) => ('transaction' in client ? client.transaction((tx) => fn(wrap(tx, close))) : fn(db)),
    close,
  };
  return db;
}

export async function openMemoryDb(): Promise<Db> {
  const pg = new PGlite();
  await pg.exec(readFileSync(MIGRATION, 'utf8'));
  return wrap(pg, () => pg.close());
}
