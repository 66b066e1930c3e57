/**
 * One GET to an OSRM v5/v6 HTTP server, over Node's fetch: a timeout per attempt
 * (AbortSignal.timeout), retries with exponential backoff on network errors, timeouts, 429 and
 * 5xx, and a clear ROUTING_UNAVAILABLE (503, Retry-After) when OSRM stays down. An answer whose
 * `code` is not "Ok" (NoSegment, InvalidQuery, TooBig …) is not retried: it comes back as an
 * `OsrmRefusal` for the caller, who knows which places the request was about.
 */
import { AppError } from '../../errors/app-error.ts';

export interface OsrmHttpSettings {
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
}

/** OSRM answered, but not "Ok": `code` and `message` are OSRM's own. */
export class OsrmRefusal extends Error {
  constructor(
    readonly osrmCode: string,
    readonly osrmMessage: string,
    readonly status: number,
  ) {
    super(`OSRM answered ${osrmCode}: ${osrmMessage}`);
    this.name = 'OsrmRefusal';
  }
}

/** How long a client should wait before trying again when OSRM is down. */
export const ROUTING_RETRY_AFTER_S = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return cause.code;
    if (cause?.message) return cause.message;
    return error.message;
  }
  return String(error);
}

const retriable = (status: number) => status >= 500 || status === 429;

/** GETs `path` (e.g. "/table/v1/driving/…?…") and returns the parsed body of an "Ok" answer. */
export async function osrmGet(settings: OsrmHttpSettings, path: string): Promise<unknown> {
  const url = settings.baseUrl.replace(/\/+$/, '') + path;
  const service = path.split('/')[1] ?? 'request';
  let lastProblem = '';
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    if (attempt > 0) await sleep(settings.retryBaseMs * 2 ** (attempt - 1));
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(settings.timeoutMs) });
      text = await response.text();
    } catch (error) {
      lastProblem = causeOf(error);
      continue;
    }
    if (retriable(response.status)) {
      lastProblem = `HTTP ${response.status}`;
      continue;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError(
        'ROUTING_FAILED',
        `OSRM ${service} answered HTTP ${response.status} with something that is not JSON: ${text.slice(0, 120)}`,
      );
    }
    const code = (body as { code?: unknown }).code;
    if (code === 'Ok' && response.ok) return body;
    const message = (body as { message?: unknown }).message;
    throw new OsrmRefusal(String(code ?? `HTTP ${response.status}`), String(message ?? ''), response.status);
  }
  const attempts = settings.retries + 1;
  throw new AppError(
    'ROUTING_UNAVAILABLE',
    `OSRM at ${settings.baseUrl} did not answer the ${service} request after ${attempts} attempt(s) (${lastProblem}). ` +
      `Try again in ${ROUTING_RETRY_AFTER_S} s; check the osrm service (docker-compose ps osrm) or unset OSRM_URL to plan with estimated times.`,
    [],
    ROUTING_RETRY_AFTER_S,
  );
}
