/**
 * The public reference part of the API contract: is the server up (and on which backends), and
 * the 16 municipalities' boundaries for the map.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { FeatureCollectionSchema } from './plans.ts';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['postgres', 'pglite']),
  queue: z.enum(['redis', 'in-process']),
  routing: z.enum(['osrm', 'estimate']),
});
export type Health = z.infer<typeof HealthSchema>;

export const referenceContract = defineContract({
  health: {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and the backends in use (database, queue, routing)',
    tag: 'health',
    roles: 'public',
    responses: { 200: { description: 'up', schema: HealthSchema }, 503: { description: 'database unreachable' } },
  },
  municipalities: {
    method: 'get',
    path: '/api/municipalities',
    summary: 'The 16 municipalities (boundaries, ISTAT code, Ambito) as a GeoJSON FeatureCollection',
    tag: 'reference',
    roles: 'public',
    responses: { 200: { description: 'GeoJSON', schema: FeatureCollectionSchema } },
  },
});
