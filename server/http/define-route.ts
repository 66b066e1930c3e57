/**
 * One way to write a handler: declare the schemas and the roles, get the parsed input, return
 * {status, body}. It validates params, query and body with zod (a failure is a 400 naming the
 * field and the value), checks the role, and registers the operation for the OpenAPI document.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { Role, User } from '../auth/context.ts';
import { requireRole } from '../auth/middleware.ts';
import { fromZod } from '../errors/middleware.ts';
import type { Method, Operation, OperationRegistry } from '../openapi/registry.ts';
import { chooseEncoding } from './accept-encoding.ts';
import { BodyCache } from './body-cache.ts';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P, Q, B> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  roles: Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  bodyType?: string;
  responses: Operation['responses'];
  handler: (input: {
    params: Out<P>;
    query: Out<Q>;
    body: Out<B>;
    user: User;
    req: Request;
    res: Response;
  }) => Promise<Reply> | Reply;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Raw text body (e.g. CSV) sent with this content type instead of JSON. */
  text?: { contentType: string; content: string };
  /**
   * A JSON body that never changes under `key` (put the version in the key): built once, kept
   * serialized, Brotli- and gzip-compressed, answered 304 to a matching If-None-Match, sent as br,
   * gzip or identity as the client's Accept-Encoding prefers. `body` runs only on a cache miss.
   */
  cached?: {
    key: string;
    body: () => Promise<unknown> | unknown;
    /** The ETag to send and match instead of the one derived from `key` (unique per URL and content, e.g. the plan version `"v7"`). */
    etag?: string;
  };
  headers?: Record<string, string>;
}

/** Shared by every route of the process: keys must be globally unique (prefix them with the resource). */
export const bodyCache = new BodyCache();

async function sendCached(req: Request, res: Response, cached: NonNullable<Reply['cached']>): Promise<void> {
  const entry = await bodyCache.get(cached.key, cached.body);
  const etag = cached.etag ?? entry.etag;
  res.setHeader('ETag', etag);
  res.setHeader('Vary', 'Accept-Encoding');
  const match = req.get('if-none-match');
  if (match && match.split(',').some((t) => t.trim() === etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json');
  const coding = chooseEncoding(req.get('accept-encoding'));
  if (coding === 'identity') {
    res.end(entry.json);
    return;
  }
  res.setHeader('Content-Encoding', coding);
  res.end(coding === 'br' ? entry.br : entry.gzip);
}

function parse(schema: z.ZodType | undefined, input: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(input);
  if (!r.success) throw fromZod(r.error, input, where === 'body' ? '' : where);
  return r.data;
}

export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  router: Router,
  registry: OperationRegistry,
  /** Prefix of spec.path; the router is mounted at the root. */
  routePath: string,
  spec: RouteSpec<P, Q, B>,
): void {
  const roles = spec.roles === 'public' ? [] : spec.roles;
  const fullPath = routePath + (spec.path === '/' ? '' : spec.path);
  registry.add({
    method: spec.method,
    path: fullPath,
    summary: spec.summary,
    tag: spec.tag,
    roles,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    bodyType: spec.bodyType,
    responses: spec.responses,
  });
  const guard: RequestHandler = roles.length > 0 ? requireRole(...roles) : (_req, _res, next) => next();
  router[spec.method](fullPath, guard, async (req: Request, res: Response) => {
    // Public routes have no user; their handlers must not read it.
    const user = (req.auth?.user ?? undefined) as User;
    const params = parse(spec.params, req.params, 'params') as Out<P>;
    const query = parse(spec.query, req.query, 'query') as Out<Q>;
    const body = parse(spec.body, req.body, 'body') as Out<B>;
    const reply = await spec.handler({ params, query, body, user, req, res });
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    res.status(reply.status ?? 200);
    if (reply.cached) await sendCached(req, res, reply.cached);
    else if (reply.text) res.type(reply.text.contentType).send(reply.text.content);
    else if (reply.body === undefined) res.end();
    else res.json(reply.body);
  });
}
