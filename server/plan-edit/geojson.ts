/**
 * One date of a plan as GeoJSON for the map: each route a LineString (along the roads when the
 * routing provider is OSRM, straight segments marked `estimated: true` otherwise), each stop a
 * Point with what the map's popup shows.
 */
import type { Plan } from '../contract/plan.ts';
import type { RoutingProvider } from '../routing/provider.ts';

type Position = [number, number];
export interface Feature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: Position[] } | { type: 'Point'; coordinates: Position };
  properties: Record<string, unknown>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  properties: Record<string, unknown>;
  features: Feature[];
}

export async function planGeoJson(
  plan: Plan,
  date: string,
  routing: RoutingProvider | undefined,
): Promise<FeatureCollection> {
  const day = plan.days.find((d) => d.date === date);
  const features: Feature[] = [];
  for (const route of day?.routes ?? []) {
    const straight: Position[] = route.stops.map((s) => [s.lon, s.lat]);
    let coordinates = straight;
    let estimated = true;
    if (routing?.name === 'osrm' && route.stops.length >= 2) {
      try {
        const shape = await routing.shape(route.stops.map((s) => ({ lon: s.lon, lat: s.lat, label: s.label })));
        coordinates = shape.coordinates;
        estimated = shape.estimated;
      } catch {
        // OSRM down: the map still gets the route, drawn straight and marked estimated.
      }
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: {
        kind: 'route',
        routeId: route.id,
        vehicleId: route.vehicleId,
        driverId: route.driverId,
        departure: route.departure,
        return: route.return,
        distanceM: route.distanceM,
        durationS: route.durationS,
        estimated,
      },
    });
    route.stops.forEach((stop, order) => {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [stop.lon, stop.lat] },
        properties: {
          kind: 'stop',
          stopId: stop.id,
          stopKind: stop.kind,
          routeId: route.id,
          vehicleId: route.vehicleId,
          order,
          requestId: stop.requestId,
          label: stop.label,
          arrival: stop.arrival,
          start: stop.start,
          departure: stop.departure,
          windowFrom: stop.window.from,
          windowTo: stop.window.to,
          locked: stop.locked,
          passengers: [...stop.boards, ...stop.alights].map((p) => p.name),
        },
      });
    });
  }
  return {
    type: 'FeatureCollection',
    properties: { planId: plan.id, version: plan.version, date, provider: plan.provider },
    features,
  };
}
