/**
 * The driver's phone's one offline queue: the stop events (arrived, boarded, dropped off,
 * no-show) and the safeguarding records (handovers, nobody-home steps) are kept in localStorage
 * first and sent in the order they were made. A network failure, a 5xx or a 429 keeps the item
 * and stops the sending until later (the next record, reconnection, the next page load); any
 * other error (a 4xx refusal, an answer the contract does not accept) drops the item so it cannot
 * block the rest, and its screen is told why. Each item carries its own id (the request's clientEventId), so a resend is harmless.
 */
import { ApiError, type StopEventInput } from '../../api/client.ts';

export type OutboxItem =
  | { kind: 'stop-event'; id: string; stopId: string; event: StopEventInput }
  /** A safeguarding POST, replayed by the path it was built with; `statusKey` names its status line. */
  | { kind: 'safeguarding'; id: string; path: string; body: unknown; statusKey: string };
export type OutboxKind = OutboxItem['kind'];
type ItemOf<K extends OutboxKind> = Extract<OutboxItem, { kind: K }>;

/** How one kind of item is sent, and whom to tell when it went through or was refused. */
export interface Sender<K extends OutboxKind> {
  send(item: ItemOf<K>): Promise<unknown>;
  done?(item: ItemOf<K>, refused?: unknown): void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** true when the item may go through later (keep it), false when the server answered for good (drop it). */
export const mayRetry = (err: unknown): boolean =>
  !(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 429;

export class Outbox {
  private flushing: Promise<void> | null = null;
  private readonly senders: { [K in OutboxKind]?: Sender<K> } = {};

  constructor(
    private readonly storage: Storage,
    private readonly key: string,
    private readonly retry: (err: unknown) => boolean = mayRetry,
  ) {}

  /** Says how to send one kind of item (a view registers its own; the last one registered wins). */
  handle<K extends OutboxKind>(kind: K, sender: Sender<K>): void {
    (this.senders as Record<K, Sender<K>>)[kind] = sender;
  }

  pending(): OutboxItem[] {
    try {
      const raw = this.storage.getItem(this.key);
      return raw ? (JSON.parse(raw) as OutboxItem[]) : [];
    } catch {
      return [];
    }
  }

  private save(list: OutboxItem[]): void {
    this.storage.setItem(this.key, JSON.stringify(list));
  }

  enqueue(item: OutboxItem): void {
    this.save([...this.pending(), item]);
  }

  /** Moves items kept under another key (a queue of an earlier version) to the end of this one. */
  adopt(key: string, toItem: (old: unknown) => OutboxItem): void {
    let old: unknown[];
    try {
      old = JSON.parse(this.storage.getItem(key) ?? '[]');
    } catch {
      old = [];
    }
    if (old.length) this.save([...this.pending(), ...old.map(toItem)]);
    this.storage.removeItem(key);
  }

  /** Sends queued items in order; stops at the first one that may go through later, drops what the server refused. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const [head] = this.pending();
      if (!head) return;
      const sender = this.senders[head.kind] as Sender<OutboxKind> | undefined;
      if (!sender) return; // its screen is not loaded yet: it waits, and so does what came after it
      let refused: unknown;
      try {
        await sender.send(head);
      } catch (err) {
        if (this.retry(err)) return;
        refused = err;
      }
      this.save(this.pending().filter((e) => e.id !== head.id));
      sender.done?.(head, refused);
    }
  }
}

let shared: Outbox | undefined;

/**
 * The phone's queue, in localStorage; sent again whenever the connection comes back. Items the
 * two separate queues of earlier versions still held are moved into it, in their order.
 */
export function driverOutbox(): Outbox {
  if (shared) return shared;
  const outbox = new Outbox(localStorage, 'prontivia.driver.outbox');
  outbox.adopt('prontivia.driver.queue', (old) => {
    const { stopId, event } = old as { stopId: string; event: StopEventInput };
    return { kind: 'stop-event', id: event.clientEventId, stopId, event };
  });
  outbox.adopt('prontivia.safeguarding.queue', (old) => ({
    kind: 'safeguarding',
    ...(old as { id: string; path: string; body: unknown; statusKey: string }),
  }));
  window.addEventListener('online', () => void outbox.flush());
  shared = outbox;
  return outbox;
}
