/**
 * The parts of OSRM v5/v6 answers prontivia reads, as zod schemas: an answer that does not
 * match (a proxy page, another API version) fails loudly instead of yielding NaN times.
 */
import { z } from 'zod';

const LonLatPair = z.tuple([z.number(), z.number()]);

export const WaypointSchema = z.object({
  location: LonLatPair,
  /** Metres between the requested coordinate and the road point it was snapped to. */
  distance: z.number(),
  name: z.string().optional(),
});
export type Waypoint = z.infer<typeof WaypointSchema>;

const Cells = z.array(z.array(z.number().nullable()));

export const TableAnswerSchema = z.object({
  code: z.literal('Ok'),
  durations: Cells,
  distances: Cells,
  sources: z.array(WaypointSchema),
  destinations: z.array(WaypointSchema),
  data_version: z.string().optional(),
});
export type TableAnswer = z.infer<typeof TableAnswerSchema>;

export const RouteAnswerSchema = z.object({
  code: z.literal('Ok'),
  routes: z
    .array(
      z.object({
        /** GeoJSON when asked with geometries=geojson; an encoded polyline (precision 5) otherwise. */
        geometry: z.union([z.string(), z.object({ type: z.literal('LineString'), coordinates: z.array(LonLatPair) })]),
        distance: z.number(),
        duration: z.number(),
      }),
    )
    .min(1),
  waypoints: z.array(WaypointSchema),
});
export type RouteAnswer = z.infer<typeof RouteAnswerSchema>;

export const NearestAnswerSchema = z.object({
  code: z.literal('Ok'),
  waypoints: z.array(WaypointSchema).min(1),
});
