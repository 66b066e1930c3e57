/**
 * Request schemas of the plan endpoints and the version the caller read: from the `version`
 * field of the body or from an `If-Match` header ("3", W/"3" or the ETag "v3" we send).
 */
import type { Request } from 'express';
import { z } from 'zod';
import { DateSchema, IdSchema, IsoWeekSchema } from '../contract/domain.ts';
import { invalid } from '../errors/app-error.ts';

export const VersionField = z.number().int().min(1).optional();

export const CreatePlanBodySchema = z.object({
  week: IsoWeekSchema,
  /** Solve budget for the week (default SOLVE_TIME_LIMIT_MS). */
  timeLimitMs: z.number().int().min(100).max(600_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
});

export const MoveBodySchema = z.object({
  date: DateSchema,
  requestId: IdSchema,
  direction: z.enum(['outbound', 'return']).optional(),
  toRouteId: IdSchema,
  pickupPos: z.number().int().min(0).optional(),
  deliveryPos: z.number().int().min(0).optional(),
  version: VersionField,
});

export const LockBodySchema = z.object({
  date: DateSchema,
  requestId: IdSchema,
  locked: z.boolean(),
  version: VersionField,
});
/** The body may be absent when the version comes as If-Match. */
export const PublishBodySchema = z.object({ version: VersionField }).default({});
export const ReoptimizeBodySchema = z
  .object({ version: VersionField, timeLimitMs: z.number().int().min(100).max(600_000).optional() })
  .default({});

export const etagOf = (version: number): string => `"v${version}"`;

export function versionFrom(req: Request, bodyVersion: number | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = req.get('if-match');
  if (header) {
    const m = /^(?:W\/)?"?v?(\d+)"?$/.exec(header.trim());
    if (!m) throw invalid('If-Match', 'expected the plan version, e.g. "v3" (the ETag of the plan you read)', header);
    return Number(m[1]);
  }
  throw invalid('version', 'required: the version of the plan you read (or send it as If-Match)');
}
