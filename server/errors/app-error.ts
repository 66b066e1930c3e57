/**
 * One error type for the whole server, with a stable code the clients can rely on.
 * The error middleware (errors/middleware.ts) is the only place codes become HTTP statuses.
 */
export type ErrorCode =
  | 'REQUEST_INVALID' // 400: bad input; `details` names the field and the value
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // 403
  | 'NOT_FOUND' // 404
  | 'PLAN_CONFLICT' // 409: changed by someone else since it was read
  | 'CONFLICT' // 409: other state conflicts (duplicate id, …)
  | 'RATE_LIMITED' // 429
  | 'ROUTING_UNAVAILABLE' // 503: OSRM down
  | 'ROUTING_FAILED' // 422: a place OSRM cannot route (too far from any road, no segment)
  | 'QUEUE_UNAVAILABLE' // 503: Redis down
  | 'DATABASE_UNAVAILABLE' // 503: PostgreSQL unreachable or shutting down
  | 'INTERNAL'; // 500

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "households.3.home". */
  path: string;
  message: string;
  value?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldIssue[] = [],
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (path: string, message: string, value?: unknown): AppError =>
  new AppError('REQUEST_INVALID', `${path}: ${message}`, [{ path, message, value }]);

export const notFound = (what: string, id: string): AppError => new AppError('NOT_FOUND', `${what} ${id} not found`);
