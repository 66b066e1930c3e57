/**
 * The one place where errors become HTTP responses. AppError codes map to statuses; a ZodError
 * becomes 400 naming each field path and the value received; anything else is a 500 that is
 * logged here and never shown to the client beyond a generic message.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, type ErrorCode, type FieldIssue } from './app-error.ts';

export const STATUS: Record<ErrorCode, number> = {
  REQUEST_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PLAN_CONFLICT: 409,
  CONFLICT: 409,
  ROUTING_FAILED: 422,
  RATE_LIMITED: 429,
  ROUTING_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A rejected password is named, never echoed: error bodies end up in logs and proxies. */
const SECRET_FIELD = /password/i;

/** Turns a ZodError into an AppError; `input` lets the details carry the offending value (not a password's). */
export function fromZod(err: ZodError, input?: unknown, prefix = ''): AppError {
  const details: FieldIssue[] = err.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(body)';
    const secret = i.path.some((p) => SECRET_FIELD.test(String(p)));
    return { path, message: i.message, ...(secret ? {} : { value: valueAt(input, i.path) }) };
  });
  const first = details[0]!;
  return new AppError('REQUEST_INVALID', `${first.path}: ${first.message}`, details);
}

/**
 * Express' own body parser errors (bad JSON, too large) carry a status and type; the router's
 * (a path parameter that is not valid percent-encoded UTF-8) a 400 status and a URIError.
 */
function fromBodyParser(err: unknown): AppError | undefined {
  const e = err as { type?: string; status?: number; message?: string };
  if (e && typeof e.type === 'string' && typeof e.status === 'number' && e.status < 500) {
    return new AppError('REQUEST_INVALID', `(body): ${e.message ?? e.type}`, [
      { path: '(body)', message: e.message ?? e.type },
    ]);
  }
  if (err instanceof URIError && typeof e.status === 'number' && e.status < 500) {
    return new AppError('REQUEST_INVALID', 'params: not valid percent-encoded UTF-8', [
      { path: 'params', message: 'not valid percent-encoded UTF-8' },
    ]);
  }
  return undefined;
}

/** Network errors and PostgreSQL's "cannot serve now" states: worth retrying, not a bug. */
const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** node-postgres reports a connection lost mid-query or a pool it cannot fill without a code. */
const DB_DOWN_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed/i;

function fromDatabaseDown(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  const message = (err as { message?: unknown } | null)?.message;
  const down =
    (typeof code === 'string' && DB_DOWN.has(code)) || (typeof message === 'string' && DB_DOWN_MESSAGE.test(message));
  if (!down) return undefined;
  return new AppError('DATABASE_UNAVAILABLE', 'the database is not answering; retry shortly', [], 5);
}

export function errorMiddleware(log: (msg: string, err: unknown) => void = console.error): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr =
      err instanceof AppError
        ? err
        : err instanceof ZodError
          ? fromZod(err, req.body)
          : (fromBodyParser(err) ?? fromDatabaseDown(err));
    if (!appErr) {
      log(`[error] ${req.method} ${req.originalUrl}`, err);
      res
        .status(500)
        .json({ error: { code: 'INTERNAL', message: 'internal error; the details are in the server log' } });
      return;
    }
    const status = STATUS[appErr.code];
    if (status >= 500) log(`[error] ${req.method} ${req.originalUrl} ${appErr.code}`, appErr);
    if (appErr.retryAfterS !== undefined) res.setHeader('Retry-After', String(Math.ceil(appErr.retryAfterS)));
    const body: Record<string, unknown> = { code: appErr.code, message: appErr.message };
    if (appErr.details.length > 0) body.details = appErr.details;
    res.status(status).json({ error: body });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `no route ${req.method} ${req.originalUrl.split('?')[0]}`));
};
