/**
 * The audit log is append-only for the app's database role, on real PostgreSQL: a role that is
 * not a superuser runs the migrations (so it owns the tables, as the app's role does in
 * docker-compose) and may then INSERT into audit_log but not UPDATE, DELETE or TRUNCATE it.
 * Also on the embedded PGlite: the trigger refuses whoever asks. Plan creation, publication and
 * slot-related actions leave rows with what was asked (test/api/hardening.test.ts covers logins).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate.ts';
import { openPgDb } from '../../server/db/pg-db.ts';
import { openPgliteDb } from '../../server/db/pglite-db.ts';
import type { Db } from '../../server/db/db.ts';

const URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresUp(): Promise<boolean> {
  try {
    const db = await openPgDb({ connectionString: URL, max: 1 });
    await db.query('SELECT 1', []);
    await db.close();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL not reachable at ${URL} (CI=true)`);
    return false;
  }
}

const insert = (db: Db) =>
  db.query(
    "INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity, entity_id) VALUES ('a', 'u', 'coordinator', 'read', 'x', '1')",
    [],
  );

async function refusals(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const sql of ["UPDATE audit_log SET action = 'nothing'", 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
    try {
      await db.query(sql, []);
      out.push(`${sql}: allowed`);
    } catch (e) {
      out.push(`${sql.split(' ')[0]}: ${(e as { code?: string }).code}`);
    }
  }
  return out;
}

describe('append-only audit log', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  it('on real PostgreSQL the app role (owner, not superuser) cannot UPDATE, DELETE or TRUNCATE it', async (ctx) => {
    if (!(await postgresUp())) return ctx.skip();
    const admin = await openPgDb({ connectionString: URL, max: 1 });
    const role = `audit_app_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER`, []);
    await admin.query(`CREATE SCHEMA ${role} AUTHORIZATION ${role}`, []);
    const dbName = (await admin.query<{ d: string }>('SELECT current_database() AS d', [])).rows[0]!.d;
    await admin.query(`GRANT CREATE ON DATABASE "${dbName}" TO ${role}`, []);
    cleanup.push(async () => {
      await admin.query(`DROP SCHEMA ${role} CASCADE`, []);
      await admin.query(`REVOKE CREATE ON DATABASE "${dbName}" FROM ${role}`, []);
      await admin.query(`DROP ROLE ${role}`, []);
      await admin.close();
    });
    const asApp = await openPgDb({ connectionString: URL.replace('//postgres@', `//${role}@`), schema: role, max: 1 });
    cleanup.push(() => asApp.close());
    await migrate(asApp);
    await insert(asApp);
    const { rows } = await asApp.query<{ u: boolean; d: boolean; i: boolean }>(
      "SELECT has_table_privilege('audit_log', 'UPDATE') AS u, has_table_privilege('audit_log', 'DELETE') AS d, has_table_privilege('audit_log', 'INSERT') AS i",
      [],
    );
    expect(rows[0]).toEqual({ u: false, d: false, i: true });
    expect(await refusals(asApp)).toEqual(['UPDATE: 42501', 'DELETE: 42501', 'TRUNCATE: 42501']);
    expect((await asApp.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log', [])).rows[0]!.n).toBe(1);
  }, 120_000);

  it('on the embedded database the trigger refuses changes even to its superuser', async () => {
    const db = await openPgliteDb();
    cleanup.push(() => db.close());
    await migrate(db);
    await insert(db);
    expect(await refusals(db)).toEqual(['UPDATE: 42501', 'DELETE: 42501', 'TRUNCATE: 42501']);
  }, 180_000);
});
