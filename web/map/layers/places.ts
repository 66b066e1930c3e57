/** Services (squares) and homes (small dots) as background context for the routes. */
import L from 'leaflet';

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
    group.addLayer(
      L.marker([s.lat, s.lon], {
        title: `${serviceTitle}: ${s.label}`,
        alt: `${serviceTitle}: ${s.label}`,
        keyboard: false,
        icon: L.divIcon({ className: 'service-marker', html: '<span aria-hidden="true">■</span>', iconSize: [16, 16] }),
      }).bindTooltip(`${serviceTitle}: ${s.label}`),
    );
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
