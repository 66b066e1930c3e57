/**
 * One polyline per vehicle route, in the vehicle's colour. With road shapes (OSRM) the line
 * follows the roads; when times are estimated it is straight, dashed and labelled "stima".
 */
import L from 'leaflet';
import type { PlanRoute } from '../../../server/contract/plan.ts';
import type { RouteShape } from '../route-shapes.ts';
import { safeDivIcon, safeTooltip } from '../safe-content.ts';

export function routesLayer(
  routes: PlanRoute[],
  colourOf: (route: PlanRoute) => string,
  shapes: Map<string, RouteShape>,
  estimateLabel: string,
  titleOf: (route: PlanRoute) => string,
): L.LayerGroup {
  const group = L.layerGroup();
  for (const route of routes) {
    const shape = shapes.get(route.id);
    const estimated = shape ? shape.estimated : true;
    const latlngs: L.LatLngExpression[] =
      shape && shape.coordinates.length > 1
        ? shape.coordinates.map(([lon, lat]) => [lat, lon] as [number, number])
        : route.stops.map((s) => [s.lat, s.lon] as [number, number]);
    if (latlngs.length < 2) continue;
    const line = L.polyline(latlngs, {
      color: colourOf(route),
      weight: 4,
      opacity: 0.85,
      dashArray: estimated ? '8 6' : undefined,
      className: `route-line route-${route.id}`,
    });
    safeTooltip(line, estimated ? `${titleOf(route)} · ${estimateLabel}` : titleOf(route), { sticky: true });
    group.addLayer(line);
    if (estimated) {
      const i = Math.max(1, Math.floor(latlngs.length / 2));
      const [a, b] = [latlngs[i - 1] as [number, number], latlngs[i] as [number, number]];
      const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      group.addLayer(
        L.marker(mid, {
          interactive: false,
          keyboard: false,
          icon: safeDivIcon({
            className: 'estimate-label',
            iconSize: [36, 16],
            content: (el) => {
              el.textContent = estimateLabel;
            },
          }),
        }),
      );
    }
  }
  return group;
}
