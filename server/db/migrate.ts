/**
 * Applies server/db/migrations/*.sql in name order, each once, recorded in `schema_migrations`.
 * Each file runs in its own transaction, so a failing migration leaves nothing half-applied.
 * Numbering: 100-* server core, 200-* routing, 300-* plans and jobs, 400-* programme (410 vouchers and
 * providers, 420 families, 440 safeguarding, 460 hardening, 480 planning at scale).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
  );
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    try {
      await db.transaction(async (tx) => {
        // Server and workers may start together: one migrates, the others wait and skip.
        await tx.query('SELECT pg_advisory_xact_lock(7710420)', []);
        const again = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file]);
        if (again.rows.length > 0) return;
        await tx.query(sql);
        await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      });
    } catch (e) {
      throw new Error(`migration ${file} failed: ${(e as Error).message}`);
    }
    applied.push(file);
  }
  return applied;
}
