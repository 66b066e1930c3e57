/**
 * Numbered stop markers in the route's colour, with a popup saying who boards and alights and
 * when. Clicking a marker (or pressing Enter on it) selects the stop; the selected one is enlarged.
 */
import L from 'leaflet';
import type { PlanRoute, PlanStop } from '../../../server/contract/plan.ts';
import { type Part, safeDivIcon, safePopup } from '../safe-content.ts';

export interface StopsLayer {
  layer: L.LayerGroup;
  highlight(stopId: string | null): void;
}

export function stopsLayer(
  routes: PlanRoute[],
  colourOf: (route: PlanRoute) => string,
  describe: (stop: PlanStop, n: number) => { title: string; parts: Part[] },
  onSelect: (stopId: string) => void,
): StopsLayer {
  const layer = L.layerGroup();
  const markers = new Map<string, L.Marker>();
  for (const route of routes) {
    route.stops.forEach((stop, i) => {
      const { title, parts } = describe(stop, i + 1);
      const marker = L.marker([stop.lat, stop.lon], {
        title,
        alt: title,
        keyboard: true,
        riseOnHover: true,
        icon: safeDivIcon({
          className: `stop-marker stop-${stop.kind}${stop.locked ? ' stop-locked' : ''}`,
          iconSize: [24, 24],
          iconAnchor: [12, 12],
          content: (el) => {
            el.style.background = colourOf(route);
            el.dataset.stopId = stop.id;
            el.textContent = String(i + 1);
          },
        }),
      });
      safePopup(marker, parts);
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
