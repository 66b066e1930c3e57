/** Services (squares) and homes (small dots) as background context for the routes. */
import L from 'leaflet';
import { safeDivIcon, safeTooltip } from '../safe-content.ts';

export interface PlacePoint {
  lat: number;
  lon: number;
  label: string;
}

export function placesLayer(
  services: PlacePoint[],
  homes: PlacePoint[],
  serviceTitle: string,
  homeTitle: string,
): L.LayerGroup {
  const group = L.layerGroup();
  for (const s of services) {
    // The service name is user-entered: it reaches the map as text only (it once was HTML: stored XSS).
    const marker = L.marker([s.lat, s.lon], {
      title: `${serviceTitle}: ${s.label}`,
      alt: `${serviceTitle}: ${s.label}`,
      keyboard: false,
      icon: safeDivIcon({
        className: 'service-marker',
        iconSize: [16, 16],
        content: (el) => {
          el.setAttribute('aria-hidden', 'true');
          el.textContent = '■';
        },
      }),
    });
    group.addLayer(safeTooltip(marker, `${serviceTitle}: ${s.label}`));
  }
  for (const p of homes) {
    group.addLayer(
      L.circleMarker([p.lat, p.lon], {
        radius: 3,
        color: '#444',
        weight: 1,
        fillColor: '#fff',
        fillOpacity: 1,
        interactive: false,
      }),
    );
  }
  return group;
}
