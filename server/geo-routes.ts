/**
 * GET /api/municipalities: the 16 municipality boundaries of the two Ambiti as GeoJSON.
 */
import { Router } from 'express';
import { z } from 'zod';
import { municipalityBoundaries } from './geo/index.ts';
import { defineRoute } from './http/define-route.ts';
import type { OperationRegistry } from './openapi/registry.ts';

export function geoRouter(registry: OperationRegistry): Router {
  const router = Router();
  defineRoute(router, registry, '/api', {
    method: 'get',
    path: '/municipalities',
    summary: 'The 16 municipalities (boundaries, ISTAT code, Ambito) as a GeoJSON FeatureCollection',
    tag: 'reference',
    roles: 'public',
    responses: { 200: { description: 'GeoJSON', schema: z.looseObject({ type: z.literal('FeatureCollection') }) } },
    handler: () => ({
      cached: { key: 'municipalities', body: municipalityBoundaries },
      headers: { 'Cache-Control': 'public, max-age=86400' },
    }),
  });
  return router;
}
