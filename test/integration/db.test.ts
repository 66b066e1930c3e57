import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { freshDb, usePostgres } from '../helpers/app.ts';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await freshDb());
});
afterAll(async () => {
  await drop?.();
});

describe(`database (${usePostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('applies each migration once, in name order, and rolls back a failing one completely', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prontivia-mig-'));
    writeFileSync(join(dir, '200-b.sql'), 'INSERT INTO t (v) VALUES (2);');
    writeFileSync(join(dir, '100-a.sql'), 'CREATE TABLE t (v int); INSERT INTO t (v) VALUES (1);');
    expect(await migrate(db, dir)).toEqual(['100-a.sql', '200-b.sql']);
    expect(await migrate(db, dir)).toEqual([]);
    expect((await db.query('SELECT v FROM t ORDER BY v')).rows).toEqual([{ v: 1 }, { v: 2 }]);

    writeFileSync(join(dir, '300-c.sql'), 'INSERT INTO t (v) VALUES (3); SELECT no_such_column FROM t;');
    await expect(migrate(db, dir)).rejects.toThrow(/300-c.sql/);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 2 }]);
  });

  it('a transaction that throws leaves nothing behind', async () => {
    await db.query('CREATE TABLE x (v int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO x (v) VALUES ($1)', [1]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('SELECT count(*)::int AS n FROM x')).rows).toEqual([{ n: 0 }]);
  });
});
