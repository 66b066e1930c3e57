/**
 * The version the caller of a plan edit read: from the `version` field of the body or from an
 * `If-Match` header ("3", W/"3" or the ETag "v3" we send). The request schemas are the
 * contract's (server/contract/plans.ts).
 */
import type { Request } from 'express';
import { invalid } from '../errors/app-error.ts';

export const etagOf = (version: number): string => `"v${version}"`;

export function versionFrom(req: Request, bodyVersion: number | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = req.get('if-match');
  if (header) {
    const m = /^(?:W\/)?"?v?(\d+)"?$/.exec(header.trim());
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 2 ** 31 - 1)
      throw invalid('If-Match', 'expected the plan version, e.g. "v3" (the ETag of the plan you read)', header);
    return Number(m[1]);
  }
  throw invalid('version', 'required: the version of the plan you read (or send it as If-Match)');
}
