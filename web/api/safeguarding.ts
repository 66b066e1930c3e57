/**
 * The safeguarding calls (issue 12) through the one API client and the contract in
 * server/contract/safeguarding.ts. The driver's offline queue replays its POSTs by stored path:
 * same origin, the session cookie, the CSRF token read once from GET /api/auth/me (and a bearer
 * token when an older client kept one).
 */
import { z } from 'zod';
import {
  type HandoverBody,
  type NobodyHomeStepBodySchema,
  safeguardingContract as c,
} from '../../server/contract/safeguarding.ts';
import { ApiError, api } from './client.ts';

let csrf: string | null = null;

async function send<T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const bearer = (() => {
    try {
      return localStorage.getItem('prontivia.token');
    } catch {
      return null;
    }
  })();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (method !== 'GET') {
    if (!csrf) {
      const me = await fetch('/api/auth/me', { headers, credentials: 'same-origin' });
      csrf = me.ok ? (((await me.json()) as { csrfToken?: string }).csrfToken ?? null) : null;
    }
    if (csrf) headers['x-csrf-token'] = csrf;
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP', err?.message ?? `HTTP ${res.status}`);
  }
  return schema.parse(json);
}

export const safeguardingApi = {
  run: (date: string) => api.call(c.run, { params: { date } }),
  handover: (body: HandoverBody) => api.call(c.handover, { body }),
  openNobodyHome: (body: { caseId: string; stopId: string; passengerId: string; date: string; at: string }) =>
    api.call(c.openNobodyHome, { body }),
  step: (caseId: string, body: z.input<typeof NobodyHomeStepBodySchema>) =>
    api.call(c.nobodyHomeStep, { params: { caseId }, body }),
  alerts: (date: string) => api.call(c.alerts, { query: { date } }),
  familyCodes: () => api.call(c.familyCodes, {}),
  /**
   * Any POST of this part, as the offline queue replays it (the queue keeps the path it was given,
   * built from the contract's entry with `pathOf`).
   */
  post: (path: string, body: unknown) => send('POST', path, z.unknown(), body),
};
