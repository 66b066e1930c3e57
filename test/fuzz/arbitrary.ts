/**
 * fast-check arbitraries from the routes' zod schemas (through zod's JSON Schema, input side):
 * `validArb` makes values the schema should accept — ids drawn mostly from the ids that exist in
 * the fuzz app's data, dates around its week — and `invalidArb` takes such a value and breaks
 * one place in it the way an attacker or a careless client would (wrong type, impossible dates,
 * NUL bytes, lone surrogates, "..", "__proto__", huge numbers, missing fields, stray fields).
 */
import fc from 'fast-check';
import { z } from 'zod';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
    cycles: 'ref',
  }) as JsonSchema;
}

/** What the generator knows about the app's data, to hit existing records as well as missing ones. */
export interface Pools {
  ids: string[];
  dates: string[];
  weeks: string[];
}

const NASTY_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfff',
  '..',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  '2026-02-31',
  '2026-13-01',
  '0000-01-01',
  '2025-W53',
  '2026-W00',
  '9999-W99',
  '2026-12-01T25:61:00+01:00',
  '99999-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '1e999',
  'NaN',
  '=cmd|"/c calc"!A1',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE entities; --",
  '%00',
  '\\u0000',
  'x'.repeat(5000),
];
const NASTY_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
];

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

function resolve(js: JsonSchema, root: JsonSchema): JsonSchema {
  if (!js.$ref) return js;
  const name = js.$ref.replace(/^#\/\$defs\//, '');
  return root.$defs?.[name] ?? {};
}

const ID_KEY = /(^id$|Id$|Ids$|^ids$)/;
const DATE_KEY = /(date|Date|From$|To$|^from$|^to$|day$)/;
const TEXT_UNIT = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ÀÈàèéìòù0123456789-_.,'àé".split(''));

function stringArb(js: JsonSchema, key: string, pools: Pools): fc.Arbitrary<string> {
  const min = js.minLength ?? 0;
  const max = Math.min(js.maxLength ?? 40, 40);
  if (js.format === 'date' || js.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return fc.constantFrom(...pools.dates);
  if (js.pattern?.includes('W')) return fc.constantFrom(...pools.weeks);
  if (js.format === 'date-time') return fc.constantFrom(...pools.dates).map((d) => `${d}T08:15:00+01:00`);
  if (js.format === 'email') return fc.emailAddress();
  if (js.format === 'uri' || js.format === 'url') return fc.webUrl();
  if (js.format === 'uuid') return fc.uuid();
  const pattern = js.pattern ? safeRegExp(js.pattern) : undefined;
  if (pattern) {
    const generated = fc
      .stringMatching(pattern)
      .filter((s) => s.length >= min && s.length <= (js.maxLength ?? Number.POSITIVE_INFINITY));
    if (ID_KEY.test(key) || /A-Za-z0-9_/.test(js.pattern ?? ''))
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.ids) }, { weight: 1, arbitrary: generated });
    return generated;
  }
  if (DATE_KEY.test(key) && max >= 10) return fc.constantFrom(...pools.dates);
  if (ID_KEY.test(key)) return fc.constantFrom(...pools.ids);
  return fc.string({ unit: TEXT_UNIT, minLength: min, maxLength: Math.max(min, max) });
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

function numberArb(js: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = js.minimum ?? (js.exclusiveMinimum !== undefined ? js.exclusiveMinimum + (integer ? 1 : 1e-6) : -1000);
  const hi = js.maximum ?? (js.exclusiveMaximum !== undefined ? js.exclusiveMaximum - (integer ? 1 : 1e-6) : 1_000_000);
  if (integer) {
    const a = Math.ceil(Math.max(lo, -(2 ** 31)));
    const b = Math.floor(Math.min(hi, 2 ** 31 - 1));
    return fc.integer({ min: Math.min(a, b), max: Math.max(a, b) });
  }
  return fc.double({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9), noNaN: true, noDefaultInfinity: true });
}

/** Values the schema describes (mostly accepted; refinements the JSON Schema cannot say may still refuse some). */
export function validArb(
  js: JsonSchema,
  pools: Pools,
  key = '',
  root: JsonSchema = js,
  depth = 0,
): fc.Arbitrary<unknown> {
  js = resolve(js, root);
  if (depth > 6) return fc.constant(null);
  if (js.const !== undefined) return fc.constant(js.const);
  if (js.enum) return fc.constantFrom(...js.enum);
  const alternatives = js.anyOf ?? js.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validArb(a, pools, key, root, depth + 1)));
  if (js.allOf?.length) return validArb(js.allOf[0]!, pools, key, root, depth + 1);
  const type = Array.isArray(js.type) ? js.type[0] : js.type;
  switch (type) {
    case 'string':
      return stringArb(js, key, pools);
    case 'integer':
      return numberArb(js, true);
    case 'number':
      return numberArb(js, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (js.prefixItems) return fc.tuple(...js.prefixItems.map((p) => validArb(p, pools, key, root, depth + 1)));
      const item = js.items ? validArb(js.items, pools, key, root, depth + 1) : fc.constant('x');
      const minLength = js.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(js.maxItems ?? 4, 4)) });
    }
    case 'object': {
      const props = js.properties ?? {};
      const required = js.required ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = validArb(v, pools, k, root, depth + 1);
      if (Object.keys(record).length === 0 && js.additionalProperties && typeof js.additionalProperties === 'object') {
        const keyArb = js.propertyNames?.enum
          ? fc.constantFrom(...(js.propertyNames.enum as string[]))
          : fc.constantFrom('mon', 'tue', 'a', 'b');
        return fc.dictionary(keyArb, validArb(js.additionalProperties, pools, key, root, depth + 1), { maxKeys: 3 });
      }
      return fc.record(record, { requiredKeys: required.filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Path = (string | number)[];

function leafPaths(value: unknown, path: Path = []): Path[] {
  const here: Path[] = [path];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => leafPaths(v, [...path, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))];
  return here;
}

function replaceAt(value: unknown, path: Path, next: unknown | typeof DROP): unknown {
  if (path.length === 0) return next === DROP ? undefined : next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && next === DROP) copy.splice(head as number, 1);
    else copy[head as number] = replaceAt(copy[head as number], rest, next);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && next === DROP) delete copy[head as string];
  else copy[head as string] = replaceAt(copy[head as string], rest, next);
  return copy;
}
const DROP = Symbol('drop');

/** A valid value with one place broken: replaced by a nasty value, dropped, or a stray key added. */
export function invalidArb(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((v) => {
    const paths = leafPaths(v);
    return fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...paths), nasty).map(([p, n]) => replaceAt(v, p, n)) },
      { weight: 1, arbitrary: fc.constantFrom(...paths).map((p) => replaceAt(v, p, DROP)) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('__proto__', 'constructor', 'extra', ''), nasty)
          .map(([k, n]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: n } : n)),
      },
      { weight: 1, arbitrary: nasty },
    );
  });
}

/** Path parameter values: mostly valid, sometimes nasty (sent URL-encoded). */
export const nastyParam: fc.Arbitrary<string> = fc.constantFrom(
  ...NASTY_STRINGS.filter((s) => s !== '' && s.length < 100),
  '1'.repeat(30),
  String(2 ** 53),
  '-1',
  '%',
  '%E0%A4%A',
);
