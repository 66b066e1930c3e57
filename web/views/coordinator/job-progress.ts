/**
 * Follows a solve job until it ends: Server-Sent Events from /api/jobs/:id/events, and, if the
 * stream cannot be opened or drops, polling GET /api/jobs/:id. Reports progress 0–100. Every
 * shape (job view, plan job progress, events) is the contract's (server/contract/jobs.ts).
 */
import {
  JobEventDataSchemas,
  type JobEventName,
  type JobState,
  type JobView,
  type PlanJobProgress,
} from '../../../server/contract/jobs.ts';
import type { Api } from '../../api/client.ts';

export interface JobUpdate {
  pct: number;
  bestCost: number | null;
  state: string;
}

const FINAL = new Set<JobState>(['completed', 'failed', 'cancelled']);

/** What one update says: the job's state, its progress (the plan job's shape), the failure. */
export interface JobReport {
  state?: JobState;
  progress?: PlanJobProgress | null;
  error?: string;
}

/** Days done of the week as a percentage, and the best cost; null where the job has not said yet. */
export function readProgress(progress: PlanJobProgress | null | undefined): {
  pct: number | null;
  bestCost: number | null;
} {
  if (!progress) return { pct: null, bestCost: null };
  return { pct: progress.days > 0 ? (progress.daysDone / progress.days) * 100 : null, bestCost: progress.bestCost };
}

/** One Server-Sent Event of the job (its name and JSON data) as a report, parsed with the contract's schema. */
export function readJobEvent(name: string, data: unknown): JobReport | null {
  if (!(name in JobEventDataSchemas)) return null;
  const event = name as JobEventName;
  const parsed = JobEventDataSchemas[event].safeParse(data);
  if (!parsed.success) return null;
  switch (event) {
    case 'state': {
      const v = parsed.data as JobView;
      return { state: v.state, progress: v.progress, error: v.error };
    }
    case 'progress':
      return { progress: parsed.data as PlanJobProgress };
    case 'failed':
      return { state: 'failed', error: (parsed.data as { error: string }).error };
    default:
      return { state: event };
  }
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
    const apply = (r: JobReport) => {
      const p = readProgress(r.progress);
      last = {
        pct: Math.max(last.pct, Math.min(100, p.pct ?? last.pct)),
        bestCost: p.bestCost ?? last.bestCost,
        state: r.state ?? last.state,
      };
      onUpdate(last);
      if (r.state === 'completed') finish();
      else if (r.state && FINAL.has(r.state)) finish(new Error(r.error ?? `job ${r.state}`));
    };
    const poll = async () => {
      if (finished) return;
      try {
        const view = await api.job(jobId);
        apply({ state: view.state, progress: view.progress, error: view.error });
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
    const onEvent = (ev: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(ev.data as string);
      } catch {
        return; // a comment or keep-alive line: nothing to apply
      }
      const report = readJobEvent(ev.type, data);
      if (report) apply(report);
    };
    for (const name of Object.keys(JobEventDataSchemas)) source.addEventListener(name, onEvent as EventListener);
    source.onerror = () => {
      source?.close();
      source = null;
      void poll();
    };
  });
}
