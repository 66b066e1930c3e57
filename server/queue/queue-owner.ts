/**
 * One process per (database, schema, queue name) runs the embedded queue. On start it takes a
 * session-level advisory lock on a connection of its own and keeps that connection until it
 * closes; a second process finds the lock taken and must not touch the jobs (it would take the
 * first one's running jobs for jobs of a dead process and run them again).
 *
 * The lock is `pg_try_advisory_lock(PRONTIVIA, key)`, key = 31 bits of sha256(schema/queue).
 * Advisory locks are per database, so the schema is part of the key: two schemas have two
 * tables and do not exclude each other. A session's advisory locks are re-entrant, so on a
 * connection that already holds the key (PGlite has one connection for the whole process) the
 * lock is refused too: a second queue of the same name in the same process is also turned away.
 */
import { createHash } from 'node:crypto';
import type { Db, HeldConnection } from '../db/db.ts';

/** 'pron' as an int4: the first half of every prontivia queue lock. */
const PRONTIVIA = 0x70726f6e;

export interface QueueOwnership {
  release(): Promise<void>;
}

export const queueOwnerError = (queue: string): string =>
  `another prontivia process already runs the embedded job queue on this database (queue ${queue}); ` +
  'set REDIS_URL to share jobs between several processes, or run one process';

export function queueLockKey(schema: string, queue: string): number {
  return createHash('sha256').update(`${schema}/${queue}`).digest().readUInt32BE(0) & 0x7fffffff;
}

export async function takeQueueOwnership(db: Db, queue: string): Promise<QueueOwnership> {
  if (!db.hold)
    throw new Error(`the embedded queue ${queue} needs a database that can hold a connection (Db.hold) for its lock`);
  const conn: HeldConnection = await db.hold();
  try {
    const { rows } = await conn.query<{ schema: string }>('SELECT current_schema() AS schema', []);
    const key = queueLockKey(rows[0]!.schema, queue);
    // One statement, so two queues sharing PGlite's connection cannot both pass the check.
    const got = await conn.query<{ got: boolean }>(
      `SELECT CASE WHEN EXISTS (
                SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                   AND classid = $1 AND objid = $2 AND objsubid = 2 AND granted)
              THEN false ELSE pg_try_advisory_lock($1::int4, $2::int4) END AS got`,
      [PRONTIVIA, key],
    );
    if (!got.rows[0]?.got) throw new Error(queueOwnerError(queue));
    let released = false;
    return {
      async release() {
        if (released) return;
        released = true;
        try {
          await conn.query('SELECT pg_advisory_unlock($1::int4, $2::int4)', [PRONTIVIA, key]);
        } finally {
          await conn.release();
        }
      },
    };
  } catch (e) {
    await conn.release();
    throw e;
  }
}
