import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';
import type { StopEventInput } from '../../api/client.ts';

class MemoryStorage {
  private data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

const ev = (id: string, type: StopEventInput['type'] = 'arrived'): StopEventInput => ({
  type,
  at: '2026-12-01T07:40:00+01:00',
  clientEventId: id,
});

describe('a driver’s taps survive a dropped connection', () => {
  it('keeps events queued while offline and sends them in order once back online', async () => {
    const storage = new MemoryStorage();
    const sent: string[] = [];
    let online = false;
    const queue = new EventQueue(
      storage,
      'q',
      async (_stop, e) => {
        if (!online) throw new TypeError('Failed to fetch');
        sent.push(e.clientEventId);
      },
      (err) => err instanceof TypeError,
    );
    queue.enqueue({ stopId: 's1', event: ev('a') });
    queue.enqueue({ stopId: 's1', event: ev('b', 'boarded') });
    await queue.flush();
    expect(queue.pending().map((e) => e.event.clientEventId)).toEqual(['a', 'b']);
    online = true;
    await queue.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(queue.pending()).toEqual([]);
  });

  it('drops an event the server refuses so one bad event does not block the others', async () => {
    const storage = new MemoryStorage();
    const sent: string[] = [];
    const refused: string[] = [];
    const queue = new EventQueue(
      storage,
      'q',
      async (_stop, e) => {
        if (e.clientEventId === 'bad') throw new Error('400 REQUEST_INVALID');
        sent.push(e.clientEventId);
      },
      (err) => err instanceof TypeError,
      (item, err) => refused.push(`${item.event.clientEventId}: ${(err as Error).message}`),
    );
    queue.enqueue({ stopId: 's1', event: ev('bad') });
    queue.enqueue({ stopId: 's2', event: ev('good') });
    await queue.flush();
    expect(sent).toEqual(['good']);
    expect(refused).toEqual(['bad: 400 REQUEST_INVALID']);
    expect(queue.pending()).toEqual([]);
  });

  it('keeps the queue across a page reload (same storage, new queue object)', () => {
    const storage = new MemoryStorage();
    new EventQueue(
      storage,
      'q',
      async () => undefined,
      () => true,
    ).enqueue({ stopId: 's1', event: ev('x') });
    expect(
      new EventQueue(
        storage,
        'q',
        async () => undefined,
        () => true,
      ).pending(),
    ).toHaveLength(1);
  });
});
