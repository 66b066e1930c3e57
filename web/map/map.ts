/**
 * Creates the Leaflet map. Tiles are optional: the tile URL comes from the build
 * (VITE_TILE_URL) or from localStorage "prontivia.tileUrl"; with none, the municipality
 * boundaries layer alone gives the map its shape (the deployment may be offline).
 */
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';

/** The two Ambiti (bbox of the 16 comuni), used before anything is drawn. */
export const AMBITI_BOUNDS = L.latLngBounds([45.558, 8.64], [45.722, 8.94]);

export function tileUrl(): string | null {
  const stored = (() => {
    try {
      return localStorage.getItem('prontivia.tileUrl');
    } catch {
      return null;
    }
  })();
  const built = (import.meta as unknown as { env?: Record<string, string | undefined> }).env?.VITE_TILE_URL;
  return stored || built || null;
}

export function createMap(container: HTMLElement, label: string, zoomTitles: { in: string; out: string }): L.Map {
  const map = L.map(container, {
    zoomSnap: 0.25,
    preferCanvas: false,
    attributionControl: true,
    keyboard: true,
    zoomControl: false,
  });
  L.control.zoom({ zoomInTitle: zoomTitles.in, zoomOutTitle: zoomTitles.out }).addTo(map);
  container.setAttribute('aria-label', label);
  container.setAttribute('role', 'region');
  const url = tileUrl();
  if (url) {
    L.tileLayer(url, { maxZoom: 18, attribution: '© OpenStreetMap contributors' }).addTo(map);
  }
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Confini: ISTAT; elaborazione Openpolis');
  map.fitBounds(AMBITI_BOUNDS);
  return map;
}
