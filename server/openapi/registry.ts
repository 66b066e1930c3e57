/**
 * Every API operation registers itself here with its zod schemas, so the OpenAPI document
 * (/api/openapi.json) and the docs page are generated from the same schemas that validate.
 * Other routers register their operations too (defineRoute does it for them).
 */
import type { z } from 'zod';
import type { Method, ResponseSpec } from '../contract/define-contract.ts';

export type { Method };

export interface Operation {
  method: Method;
  /** Express-style path, e.g. "/api/passengers/:id". */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed; empty = public. */
  roles: string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Content type of the request body when not JSON (e.g. text/csv). */
  bodyType?: string;
  responses: Readonly<Record<number, ResponseSpec>>;
}

export class OperationRegistry {
  private readonly ops = new Map<string, Operation>();

  add(op: Operation): void {
    this.ops.set(`${op.method} ${op.path}`, op);
  }

  all(): Operation[] {
    return [...this.ops.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  }
}
