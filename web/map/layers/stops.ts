/**
 * Numbered stop markers in the route's colour, with a popup saying who boards and alights and
 * when. Clicking a marker (or pressing Enter on it) selects the stop; the selected one is enlarged.
 */
import L from 'leaflet';
import type { PlanRoute, PlanStop } from '../../../server/contract/plan.ts';

export interface StopsLayer {
  layer: L.LayerGroup;
  highlight(stopId: string | null): void;
}

export function stopsLayer(
  routes: PlanRoute[],
  colourOf: (route: PlanRoute) => string,
  describe: (stop: PlanStop, n: number) => { title: string; html: string },
  onSelect: (stopId: string) => void,
): StopsLayer {
  const layer = L.layerGroup();
  const markers = new Map<string, L.Marker>();
  for (const route of routes) {
    route.stops.forEach((stop, i) => {
      const { title, html } = describe(stop, i + 1);
      const marker = L.marker([stop.lat, stop.lon], {
        title,
        alt: title,
        keyboard: true,
        riseOnHover: true,
        icon: L.divIcon({
          className: `stop-marker stop-${stop.kind}${stop.locked ? ' stop-locked' : ''}`,
          html: `<span style="background:${colourOf(route)}" data-stop-id="${stop.id}">${i + 1}</span>`,
          iconSize: [24, 24],
          iconAnchor: [12, 12],
        }),
      });
      marker.bindPopup(html);
      marker.on('click', () => onSelect(stop.id));
      markers.set(stop.id, marker);
      layer.addLayer(marker);
    });
  }
  let current: string | null = null;
  return {
    layer,
    highlight(stopId) {
      if (current) markers.get(current)?.getElement()?.classList.remove('stop-selected');
      current = stopId;
      const marker = stopId ? markers.get(stopId) : undefined;
      if (marker) {
        marker.getElement()?.classList.add('stop-selected');
        marker.setZIndexOffset(1000);
      }
    },
  };
}
