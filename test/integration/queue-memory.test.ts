import { MemoryQueue } from '../../server/queue/memory-queue.ts';
import { queueContract } from './queue-suite.ts';

queueContract('embedded (in-process)', async () => {
  const queue = new MemoryQueue({ attempts: 2, backoffMs: 50 });
  return {
    queue,
    consume: async (handler) => queue.consume(handler),
    cleanup: () => queue.close(),
  };
});
