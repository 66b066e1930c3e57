/**
 * GET /api/municipalities: the 16 municipality boundaries of the two Ambiti as GeoJSON.
 */
import { Router } from 'express';
import { referenceContract } from './contract/reference.ts';
import { municipalityBoundaries } from './geo/index.ts';
import { defineRoute } from './http/define-route.ts';
import type { OperationRegistry } from './openapi/registry.ts';

export function geoRouter(registry: OperationRegistry): Router {
  const router = Router();
  defineRoute(router, registry, referenceContract.municipalities, () => ({
    cached: { key: 'municipalities', body: municipalityBoundaries },
    headers: { 'Cache-Control': 'public, max-age=86400' },
  }));
  return router;
}
