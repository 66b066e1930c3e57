/**
 * The safeguarding calls (issue 12), parsed with the contract's schemas. Same origin, the
 * session cookie; unsafe methods carry the CSRF token, read once from GET /api/auth/me (and a
 * bearer token when an older client kept one).
 */
import { z } from 'zod';
import {
  HandoverCodeSchema,
  NobodyHomeCaseSchema,
  RunSafeguardingSchema,
  type HandoverBody,
} from '../../server/contract/safeguarding.ts';
import { ApiError } from './client.ts';

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
  run: (date: string) => send('GET', `/api/safeguarding/run/${date}`, RunSafeguardingSchema),
  handover: (body: HandoverBody) => send('POST', '/api/safeguarding/handovers', z.unknown(), body),
  openNobodyHome: (body: { caseId: string; stopId: string; passengerId: string; date: string; at: string }) =>
    send('POST', '/api/safeguarding/nobody-home', z.unknown(), body),
  step: (caseId: string, body: { clientEventId: string; step: string; at: string; detail?: string }) =>
    send('POST', `/api/safeguarding/nobody-home/${encodeURIComponent(caseId)}/steps`, z.unknown(), body),
  alerts: (date: string) => send('GET', `/api/safeguarding/alerts?date=${date}`, z.array(NobodyHomeCaseSchema)),
  familyCodes: () => send('GET', '/api/safeguarding/family/codes', z.array(HandoverCodeSchema)),
  /** Any POST of this part, as the offline queue replays it. */
  post: (path: string, body: unknown) => send('POST', path, z.unknown(), body),
};
