/**
 * One way to write a handler: name the route's contract entry (server/contract/, which declares
 * method, path, roles, schemas and responses), get the parsed input, return {status, body}. It
 * validates params, query and body with the entry's zod schemas (a failure is a 400 naming the
 * field and the value), checks the role, and registers the operation for the OpenAPI document.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { Role, User } from '../auth/context.ts';
import type { BodyOf, ParamsOf, QueryOf, RouteContract } from '../contract/define-contract.ts';
import { requireRole } from '../auth/middleware.ts';
import { fromZod } from '../errors/middleware.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { chooseEncoding } from './accept-encoding.ts';
import { BodyCache } from './body-cache.ts';

/** The handler of a contract entry: its input is typed from the entry's schemas. */
export type ContractHandler<R extends RouteContract> = (input: {
  params: ParamsOf<R>;
  query: QueryOf<R>;
  body: BodyOf<R>;
  user: User;
  req: Request;
  res: Response;
}) => Promise<Reply> | Reply;

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

/** Registers the handler of a contract entry (the path is the entry's full path). */
export function defineRoute<R extends RouteContract>(
  router: Router,
  registry: OperationRegistry,
  route: R,
  handler: ContractHandler<R>,
): void {
  register(router, registry, route, handler as ContractHandler<RouteContract>);
}

function register(
  router: Router,
  registry: OperationRegistry,
  route: RouteContract,
  handler: ContractHandler<RouteContract>,
): void {
  const roles: Role[] = route.roles === 'public' ? [] : [...route.roles];
  const fullPath = route.path;
  registry.add({
    method: route.method,
    path: fullPath,
    summary: route.summary,
    tag: route.tag,
    roles,
    params: route.params,
    query: route.query,
    body: route.body,
    bodyType: route.bodyType,
    responses: route.responses,
  });
  const guard: RequestHandler = roles.length > 0 ? requireRole(...roles) : (_req, _res, next) => next();
  router[route.method](fullPath, guard, async (req: Request, res: Response) => {
    // Public routes have no user; their handlers must not read it.
    const user = (req.auth?.user ?? undefined) as User;
    const params = parse(route.params, req.params, 'params');
    const query = parse(route.query, req.query, 'query');
    const body = parse(route.body, req.body, 'body');
    const reply = await handler({ params, query, body, user, req, res } as Parameters<
      ContractHandler<RouteContract>
    >[0]);
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    res.status(reply.status ?? 200);
    if (reply.cached) await sendCached(req, res, reply.cached);
    else if (reply.text) res.type(reply.text.contentType).send(reply.text.content);
    else if (reply.body === undefined) res.end();
    else res.json(reply.body);
  });
}
