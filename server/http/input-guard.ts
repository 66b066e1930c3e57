/**
 * Refuses text that is not clean Unicode anywhere in a request — a NUL byte or a lone surrogate
 * in the path, a query value, a JSON body string or key, or a CSV body — with a 400 naming where
 * it is. PostgreSQL cannot store U+0000 in text and lone surrogates do not survive UTF-8, so
 * such input used to reach the database and come back as a 500. Login is checked by its own
 * route, which counts the attempt against the rate limit first (server/auth/routes.ts).
 */
import type { RequestHandler } from 'express';
import { isCleanText } from '../contract/checks.ts';
import { AppError } from '../errors/app-error.ts';

const WHY = 'contains a NUL byte or a lone surrogate (not valid text)';

/** The path of the first unclean string (value or key) in `value`, or undefined. */
export function uncleanPath(value: unknown, path: string[] = [], depth = 0): string[] | undefined {
  if (typeof value === 'string') return isCleanText(value) ? undefined : path;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (!isCleanText(k)) return [...path, k];
    const found = uncleanPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

const refuse = (path: string) => new AppError('REQUEST_INVALID', `${path}: ${WHY}`, [{ path, message: WHY }]);

export const LOGIN_PATH = '/api/auth/login';

export const inputGuard: RequestHandler = (req, _res, next) => {
  const path = req.originalUrl.split('?')[0] ?? '';
  if (req.method === 'POST' && path === LOGIN_PATH) return next();
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return next(
      new AppError('REQUEST_INVALID', 'params: not valid percent-encoded UTF-8', [
        { path: 'params', message: 'not valid percent-encoded UTF-8' },
      ]),
    );
  }
  if (!isCleanText(decoded)) return next(refuse('params'));
  const inQuery = uncleanPath(req.query);
  if (inQuery) return next(refuse(['query', ...inQuery].join('.')));
  const inBody = uncleanPath(req.body);
  if (inBody) return next(refuse(inBody.join('.') || '(body)'));
  next();
};
