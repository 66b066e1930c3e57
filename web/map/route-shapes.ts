/**
 * Reads the road shapes of a day's routes from the plan's GeoJSON (/api/plans/:id/geojson):
 * LineString features with `routeId` and `estimated` (false only for OSRM road geometry).
 * Kept apart from Leaflet so it can be tested without a browser.
 */
export interface RouteShape {
  routeId: string;
  coordinates: [number, number][];
  estimated: boolean;
}

/** Route shapes from the plan's GeoJSON (LineString features carrying routeId / estimated). */
export function shapesFromGeojson(collection: GeoJSON.FeatureCollection | null): Map<string, RouteShape> {
  const shapes = new Map<string, RouteShape>();
  for (const feature of collection?.features ?? []) {
    const props = feature.properties ?? {};
    if (feature.geometry?.type !== 'LineString' || typeof props.routeId !== 'string') continue;
    shapes.set(props.routeId, {
      routeId: props.routeId,
      coordinates: feature.geometry.coordinates as [number, number][],
      estimated: props.estimated !== false,
    });
  }
  return shapes;
}
