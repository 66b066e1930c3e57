/**
 * Follows a solve job until it ends: Server-Sent Events from /api/jobs/:id/events, and, if the
 * stream cannot be opened or drops, polling GET /api/jobs/:id. Reports progress 0–100.
 */
import type { Api } from '../../api/client.ts';

export interface JobUpdate {
  pct: number;
  bestCost: number | null;
  state: string;
}

const DONE = new Set(['completed', 'done', 'succeeded', 'finished']);
const FAILED = new Set(['failed', 'cancelled', 'canceled', 'error']);

/**
 * Reads a progress value in the shapes a server may send: 0–1, 0–100, {pct|percent|progress},
 * or the plan job's {daysDone, days, bestCost} (nested under `progress` in a job view).
 */
export function readProgress(raw: unknown): { pct: number | null; bestCost: number | null; state: string | null } {
  if (typeof raw === 'number') return { pct: raw <= 1 ? raw * 100 : raw, bestCost: null, state: null };
  if (!raw || typeof raw !== 'object') return { pct: null, bestCost: null, state: null };
  const o = raw as Record<string, unknown>;
  const state = typeof o.state === 'string' ? o.state : typeof o.status === 'string' ? o.status : null;
  const inner = o.progress !== undefined && typeof o.progress !== 'number' ? readProgress(o.progress) : null;
  const daysPct =
    typeof o.daysDone === 'number' && typeof o.days === 'number' && o.days > 0
      ? (o.daysDone / o.days) * 100
      : undefined;
  const direct = [o.pct, o.percent, daysPct, o.progress].find((v) => typeof v === 'number') as number | undefined;
  const pct =
    direct !== undefined ? (direct === o.progress && direct <= 1 ? direct * 100 : direct) : (inner?.pct ?? null);
  const bestCost = typeof o.bestCost === 'number' ? o.bestCost : (inner?.bestCost ?? null);
  return { pct, bestCost, state: state ?? inner?.state ?? null };
}

export function followJob(
  api: Api,
  jobId: string,
  onUpdate: (u: JobUpdate) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let last: JobUpdate = { pct: 0, bestCost: null, state: 'waiting' };
    let source: EventSource | null = null;
    let pollTimer: ReturnType<typeof setTimeout> | null = null;
    let finished = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      source?.close();
      if (pollTimer) clearTimeout(pollTimer);
      if (err) reject(err);
      else resolve();
    };
    const apply = (raw: unknown) => {
      const p = readProgress(raw);
      last = {
        pct: Math.max(last.pct, Math.min(100, p.pct ?? last.pct)),
        bestCost: p.bestCost ?? last.bestCost,
        state: p.state ?? last.state,
      };
      onUpdate(last);
      if (p.state && DONE.has(p.state)) finish();
      else if (p.state && FAILED.has(p.state))
        finish(
          new Error(
            typeof (raw as { error?: unknown }).error === 'string'
              ? String((raw as { error: string }).error)
              : `job ${p.state}`,
          ),
        );
    };
    const poll = async () => {
      if (finished) return;
      try {
        apply(await api.job(jobId));
      } catch (err) {
        finish(err as Error);
        return;
      }
      if (!finished) pollTimer = setTimeout(poll, 400);
    };
    signal?.addEventListener('abort', () => finish(new Error('aborted')));
    if (typeof EventSource === 'undefined') {
      void poll();
      return;
    }
    source = new EventSource(api.jobEventsUrl(jobId), { withCredentials: true });
    const onMessage = (ev: MessageEvent) => {
      try {
        const data: unknown = JSON.parse(ev.data as string);
        const type = ev.type && ev.type !== 'message' ? ev.type : null;
        apply(
          type && data && typeof data === 'object' && !('state' in data) && DONE.has(type)
            ? { ...data, state: 'completed' }
            : type && FAILED.has(type)
              ? { ...(data as object), state: 'failed' }
              : data,
        );
      } catch {
        /* a comment or keep-alive line: nothing to apply */
      }
    };
    source.addEventListener('message', onMessage);
    for (const name of ['progress', 'completed', 'done', 'failed', 'cancelled', 'state'])
      source.addEventListener(name, onMessage as EventListener);
    source.onerror = () => {
      source?.close();
      source = null;
      void poll();
    };
  });
}
