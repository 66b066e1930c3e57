import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { EmbeddedQueue } from '../../server/queue/embedded-queue.ts';
import { freshDb } from '../helpers/app.ts';
import { queueContract, type QueueUnderTest } from './queue-suite.ts';

queueContract('embedded, in memory only', async () => {
  const queue = new EmbeddedQueue({ attempts: 2, backoffMs: 50 });
  return {
    queue,
    consume: async (handler) => queue.consume(handler),
    cleanup: () => queue.close(),
  };
});

// One database for the file (PGlite in memory; PostgreSQL under CI or TEST_DATABASE=postgres),
// a fresh queue name per test, as the BullMQ tests do on one Redis.
let shared: ReturnType<typeof freshDb> | undefined;
const database = async (): Promise<Db> =>
  (
    await (shared ??= freshDb().then(async (fresh) => {
      await migrate(fresh.db);
      return fresh;
    }))
  ).db;
afterAll(async () => {
  if (shared) await (await shared).drop();
});

function durable(db: Db, name: string): QueueUnderTest {
  const queue = new EmbeddedQueue({ db, name, attempts: 2, backoffMs: 50 });
  return {
    queue,
    consume: async (handler) => queue.consume(handler),
    cleanup: async () => {
      await queue.close();
      await queue.obliterate();
    },
    restart: async () => {
      await queue.close();
      return durable(db, name);
    },
  };
}

queueContract('embedded, kept in the database', async () => durable(await database(), `test-${randomUUID()}`), {
  durable: true,
});
