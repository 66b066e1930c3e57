/**
 * Builds the OpenAPI 3.1 document from the registered operations; schemas come from zod 4's
 * own JSON Schema output (draft 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import type { Operation } from './registry.ts';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const s = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete s.$schema;
  return s;
}

/** "/api/passengers/:id" → "/api/passengers/{id}" */
const openapiPath = (p: string): string => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!schema) continue;
    const s = jsonSchema(schema, 'input');
    const props = (s.properties ?? {}) as Record<string, Json>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: prop });
    }
  }
  for (const m of op.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!out.some((p) => p.name === m[1] && p.in === 'path'))
      out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  return out;
}

export function openapiDocument(ops: Operation[], version = '0.1.0'): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of ops) {
    const responses: Json = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = r.schema
        ? {
            description: r.description,
            content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema, 'output') } },
          }
        : r.contentType
          ? { description: r.description, content: { [r.contentType]: { schema: { type: 'string' } } } }
          : { description: r.description };
    }
    const o: Json = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: parameters(op),
      responses,
      'x-roles': op.roles,
    };
    if (op.roles.length > 0) o.security = [{ bearer: [] }, { cookie: [] }];
    if (op.body) {
      o.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } };
    } else if (op.bodyType) {
      o.requestBody = { required: true, content: { [op.bodyType]: { schema: { type: 'string' } } } };
    }
    (paths[openapiPath(op.path)] ??= {})[op.method] = o;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'prontivia API',
      version,
      description:
        'Transport scheduling for social transport. Errors are {"error":{"code","message","details"?}}; ' +
        'cookie-authenticated unsafe requests need the X-CSRF-Token header.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'prontivia_session' },
      },
    },
  };
}
