import { describe, expect, it } from 'vitest';
import { ApiError, type StopEventInput } from '../../api/client.ts';
import { mayRetry, Outbox, type OutboxItem } from './outbox.ts';

class MemoryStorage {
  private data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const ev = (id: string, type: StopEventInput['type'] = 'arrived'): OutboxItem => ({
  kind: 'stop-event',
  id,
  stopId: 's1',
  event: { type, at: '2026-12-01T07:40:00+01:00', clientEventId: id },
});
const handover = (id: string): OutboxItem => ({
  kind: 'safeguarding',
  id,
  path: '/api/safeguarding/handovers',
  body: { clientEventId: id },
  statusKey: `handover|s1|pa-1`,
});
const offline = () => new TypeError('Failed to fetch');
const retry = (err: unknown) => err instanceof TypeError;

describe('a driver’s taps survive a dropped connection', () => {
  it('keeps events queued while offline and sends them in order once back online', async () => {
    const outbox = new Outbox(new MemoryStorage(), 'q', retry);
    const sent: string[] = [];
    let online = false;
    outbox.handle('stop-event', {
      send: async (item) => {
        if (!online) throw offline();
        sent.push(item.event.clientEventId);
      },
    });
    outbox.enqueue(ev('a'));
    outbox.enqueue(ev('b', 'boarded'));
    await outbox.flush();
    expect(outbox.pending().map((e) => e.id)).toEqual(['a', 'b']);
    online = true;
    await outbox.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(outbox.pending()).toEqual([]);
  });

  it('drops an event the server refuses so one bad event does not block the others', async () => {
    const outbox = new Outbox(new MemoryStorage(), 'q', retry);
    const sent: string[] = [];
    const told: string[] = [];
    outbox.handle('stop-event', {
      send: async (item) => {
        if (item.id === 'bad') throw new Error('400 REQUEST_INVALID');
        sent.push(item.id);
      },
      done: (item, refused) => told.push(refused ? `${item.id}: ${(refused as Error).message}` : `${item.id}: sent`),
    });
    outbox.enqueue(ev('bad'));
    outbox.enqueue(ev('good'));
    await outbox.flush();
    expect(sent).toEqual(['good']);
    expect(told).toEqual(['bad: 400 REQUEST_INVALID', 'good: sent']);
    expect(outbox.pending()).toEqual([]);
  });

  it('keeps the queue across a page reload (same storage, new queue object)', () => {
    const storage = new MemoryStorage();
    new Outbox(storage, 'q').enqueue(ev('x'));
    expect(new Outbox(storage, 'q').pending()).toEqual([ev('x')]);
  });

  it('a screen is told the item is gone from the queue when it hears of it', async () => {
    const outbox = new Outbox(new MemoryStorage(), 'q', retry);
    const waitingWhenTold: number[] = [];
    outbox.handle('stop-event', {
      send: async () => undefined,
      done: () => waitingWhenTold.push(outbox.pending().length),
    });
    outbox.enqueue(ev('a'));
    outbox.enqueue(ev('b'));
    await outbox.flush();
    expect(waitingWhenTold).toEqual([1, 0]);
  });
});

describe('stop events and safeguarding records share one queue', () => {
  it('are sent in the order they were made, each by its own sender, after a dropped connection', async () => {
    const outbox = new Outbox(new MemoryStorage(), 'q', retry);
    const sent: string[] = [];
    let online = false;
    outbox.handle('stop-event', {
      send: async (item) => {
        if (!online) throw offline();
        sent.push(`event ${item.id}`);
      },
    });
    outbox.handle('safeguarding', {
      send: async (item) => {
        if (!online) throw offline();
        sent.push(`${item.path} ${item.id}`);
      },
    });
    outbox.enqueue(ev('arrived-1'));
    outbox.enqueue(handover('ho-1'));
    outbox.enqueue(ev('dropped-1', 'dropped_off'));
    await outbox.flush();
    expect(sent).toEqual([]);
    expect(outbox.pending().map((i) => i.id)).toEqual(['arrived-1', 'ho-1', 'dropped-1']);
    online = true;
    await outbox.flush();
    expect(sent).toEqual(['event arrived-1', '/api/safeguarding/handovers ho-1', 'event dropped-1']);
  });

  it('a refused handover (a wrong code) is dropped with its reason and the stop events after it still go', async () => {
    const outbox = new Outbox(new MemoryStorage(), 'q', retry);
    const told: string[] = [];
    outbox.handle('safeguarding', {
      send: async () => {
        throw new Error('the code is wrong');
      },
      done: (item, refused) => told.push(`${item.statusKey}: ${(refused as Error).message}`),
    });
    const sent: string[] = [];
    outbox.handle('stop-event', { send: async (item) => void sent.push(item.id) });
    outbox.enqueue(handover('ho-wrong'));
    outbox.enqueue(ev('dropped-1', 'dropped_off'));
    await outbox.flush();
    expect(told).toEqual(['handover|s1|pa-1: the code is wrong']);
    expect(sent).toEqual(['dropped-1']);
    expect(outbox.pending()).toEqual([]);
  });

  it('an item whose screen is not loaded yet waits, and what came after it waits too', async () => {
    const outbox = new Outbox(new MemoryStorage(), 'q', retry);
    const sent: string[] = [];
    outbox.handle('stop-event', { send: async (item) => void sent.push(item.id) });
    outbox.enqueue(handover('ho-1'));
    outbox.enqueue(ev('a'));
    await outbox.flush();
    expect(sent).toEqual([]);
    outbox.handle('safeguarding', { send: async (item) => void sent.push(item.id) });
    await outbox.flush();
    expect(sent).toEqual(['ho-1', 'a']);
  });

  it('takes over what the two queues of the earlier version still held, in their order', () => {
    const storage = new MemoryStorage();
    storage.setItem('q', JSON.stringify([ev('new')]));
    storage.setItem(
      'old-events',
      JSON.stringify([{ stopId: 's1', event: { type: 'arrived', at: 'x', clientEventId: 'e1' } }]),
    );
    const outbox = new Outbox(storage, 'q');
    outbox.adopt('old-events', (old) => {
      const { stopId, event } = old as { stopId: string; event: StopEventInput };
      return { kind: 'stop-event', id: event.clientEventId, stopId, event };
    });
    outbox.adopt('never-written', () => ev('unused'));
    expect(outbox.pending().map((i) => i.id)).toEqual(['new', 'e1']);
    expect(storage.getItem('old-events')).toBeNull();
  });
});

describe('which failures keep an item', () => {
  it('the network, a 5xx and a 429 keep it for later; a 4xx or an answer the contract refuses drop it', () => {
    expect(mayRetry(new TypeError('Failed to fetch'))).toBe(true);
    expect(mayRetry(new ApiError(0, 'NETWORK', 'offline'))).toBe(true);
    expect(mayRetry(new ApiError(503, 'DATABASE_UNAVAILABLE', 'retry shortly'))).toBe(true);
    expect(mayRetry(new ApiError(429, 'RATE_LIMITED', 'slow down'))).toBe(true);
    expect(mayRetry(new ApiError(400, 'REQUEST_INVALID', 'wrong code'))).toBe(false);
    expect(mayRetry(new ApiError(201, 'RESPONSE_INVALID', 'at: not an ISO date-time'))).toBe(false);
  });
});
