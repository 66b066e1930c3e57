/**
 * Chooses the database from the configuration: PostgreSQL when DATABASE_URL is set,
 * PGlite persisted in DATA_DIR/pglite otherwise.
 */
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { openPgDb } from './pg-db.ts';
import { openPgliteDb } from './pglite-db.ts';

export async function openDb(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Db> {
  if (config.DATABASE_URL) return openPgDb({ connectionString: config.DATABASE_URL });
  return openPgliteDb(join(config.DATA_DIR, 'pglite'));
}
