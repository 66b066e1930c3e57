/**
 * Safeguarding records from the driver's phone (handovers, nobody-home steps) are queued in
 * localStorage and sent in order, like the stop events: kept while the connection is down,
 * dropped with a message when the server refuses one (a wrong code), each with its own id so a
 * resend is harmless. `onResult` tells the screen what became of each.
 */
import { ApiError } from '../../api/client.ts';

export interface QueuedPost {
  id: string;
  path: string;
  body: unknown;
  /** Which status line on the screen reports this item. */
  statusKey: string;
}

const KEY = 'prontivia.safeguarding.queue';

export class PostQueue {
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly send: (path: string, body: unknown) => Promise<unknown>,
    private readonly onResult: (item: QueuedPost, refused?: Error) => void,
  ) {}

  pending(): QueuedPost[] {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedPost[];
    } catch {
      return [];
    }
  }

  enqueue(item: QueuedPost): void {
    localStorage.setItem(KEY, JSON.stringify([...this.pending(), item]));
    void this.flush();
  }

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
        await this.send(head.path, head.body);
        this.onResult(head);
      } catch (err) {
        const refused = err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429;
        if (!refused) return;
        this.onResult(head, err);
      }
      localStorage.setItem(KEY, JSON.stringify(this.pending().filter((e) => e.id !== head.id)));
    }
  }
}
