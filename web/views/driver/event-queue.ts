/**
 * Stop events a driver records (arrived, boarded, dropped off, no-show) are queued in
 * localStorage first and sent in order; when the connection drops they stay queued and are
 * retried later. Each event carries a clientEventId so the server ignores a resend.
 */
import type { StopEventInput } from '../../api/client.ts';

export interface QueuedEvent {
  stopId: string;
  event: StopEventInput;
}
export type Send = (stopId: string, event: StopEventInput) => Promise<unknown>;

/** true when the failure is the network (retry later), false when the server refused (drop). */
export type IsTransient = (err: unknown) => boolean;

export class EventQueue {
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'>,
    private readonly key: string,
    private readonly send: Send,
    private readonly isTransient: IsTransient,
    private readonly onRefused: (item: QueuedEvent, err: unknown) => void = () => {},
  ) {}

  pending(): QueuedEvent[] {
    try {
      const raw = this.storage.getItem(this.key);
      return raw ? (JSON.parse(raw) as QueuedEvent[]) : [];
    } catch {
      return [];
    }
  }

  private save(list: QueuedEvent[]): void {
    this.storage.setItem(this.key, JSON.stringify(list));
  }

  enqueue(item: QueuedEvent): void {
    this.save([...this.pending(), item]);
  }

  /** Sends queued events in order; stops at the first network failure, drops what the server refuses. */
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
      try {
        await this.send(head.stopId, head.event);
      } catch (err) {
        if (this.isTransient(err)) return;
        this.onRefused(head, err);
      }
      this.save(this.pending().filter((e) => e.event.clientEventId !== head.event.clientEventId));
    }
  }
}
