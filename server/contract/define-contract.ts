/**
 * How a route of the API is declared, once, for both sides: method, full path, roles, the zod
 * schemas of params, query and body, and the responses by status. The server registers its
 * handler from the entry (`defineRoute(router, registry, entry, handler)`, which also feeds the
 * OpenAPI document); the web calls it (`api.call(entry, { params, query, body })`), which builds
 * the path from the entry and parses the answer with the entry's success schema. Hand-made in the
 * manner of ts-rest: plain objects, no extra package.
 */
import { z } from 'zod';
import type { Role } from './roles.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  /** The JSON body's schema; omit for an empty body (204) or an error (the error envelope). */
  schema?: z.ZodType;
  /** Content type when the body is not JSON (e.g. text/csv); the body is then text. */
  contentType?: string;
}

export interface RouteContract {
  method: Method;
  /** Full Express-style path, e.g. "/api/accounts/:id". */
  path: string;
  summary: string;
  /** The OpenAPI tag (the area). */
  tag: string;
  /** Roles allowed; 'public' = no login needed. */
  roles: readonly Role[] | 'public';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Content type of the request body when not JSON (e.g. text/csv). */
  bodyType?: string;
  responses: Readonly<Record<number, ResponseSpec>>;
}

/**
 * Groups an area's routes under names (`accountsContract.list`); returns them unchanged but keeps
 * their literal types (paths, statuses, schemas), which the server's handlers and the web's
 * calls are typed from.
 */
export function defineContract<const T extends Record<string, RouteContract>>(routes: T): T {
  return routes;
}

type SchemaOut<S> = S extends z.ZodType ? z.output<S> : undefined;
type SchemaIn<S> = S extends z.ZodType ? z.input<S> : undefined;

/** `":id"` segments of a path, as an object of strings. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** What the handler receives after validation. */
export type ParamsOf<R extends RouteContract> = SchemaOut<R['params']>;
export type QueryOf<R extends RouteContract> = SchemaOut<R['query']>;
export type BodyOf<R extends RouteContract> = SchemaOut<R['body']>;

type SuccessStatus = 200 | 201 | 202 | 204;
/** The parsed success body of a route (the schema's output of its 2xx response; undefined for none). */
export type SuccessOf<R extends RouteContract> = {
  [S in keyof R['responses'] & SuccessStatus]: R['responses'][S] extends { contentType: string; schema?: undefined }
    ? string
    : SchemaOut<R['responses'][S]['schema']>;
}[keyof R['responses'] & SuccessStatus];

/** What a caller sends: path params by the path's names, query and body as the schemas accept them. */
export type CallInput<R extends RouteContract> = (keyof PathParams<R['path']> extends never
  ? { params?: undefined }
  : { params: PathParams<R['path']> }) &
  (R['query'] extends z.ZodType ? { query?: SchemaIn<R['query']> } : { query?: undefined }) &
  (R['body'] extends z.ZodType ? { body: SchemaIn<R['body']> } : { body?: string });

/** The first 2xx response of a route (the one a call parses its answer with). */
export function successOf(route: RouteContract): { status: number; spec: ResponseSpec } {
  for (const [status, spec] of Object.entries(route.responses)) {
    const s = Number(status);
    if (s >= 200 && s < 300) return { status: s, spec };
  }
  throw new Error(`${route.method.toUpperCase()} ${route.path}: the contract declares no 2xx response`);
}

/** "/api/accounts/:id" with { id: "a b" } → "/api/accounts/a%20b"; a missing param throws. */
export function pathOf(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${path}: missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
}

/** The query string ("?a=1&b=x", or "") of an object; undefined and null values are left out. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, String(item));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every error answer: a stable code, a message, and for bad input each field's path, reason and value. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string(), value: z.unknown().optional() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
