/**
 * The 16 boundaries as one GeoJSON FeatureCollection for the map layer, with the attribution
 * the CC-BY 4.0 licence requires. Properties use the contract's names (istatCode, ambito …).
 */
import type { FeatureCollection, Polygon } from 'geojson';
import { loadMunicipalities } from './municipalities.ts';

export const BOUNDARIES_ATTRIBUTION = 'Fonte: ISTAT; elaborazione Openpolis (CC-BY 4.0)';

export interface BoundaryProperties {
  istatCode: string;
  name: string;
  ambito: string;
  population: number;
}

export function municipalityBoundaries(): FeatureCollection<Polygon, BoundaryProperties> & { attribution: string } {
  return {
    type: 'FeatureCollection',
    attribution: BOUNDARIES_ATTRIBUTION,
    features: loadMunicipalities().map((m) => ({
      type: 'Feature',
      id: m.istatCode,
      properties: { istatCode: m.istatCode, name: m.name, ambito: m.ambito, population: m.population },
      geometry: m.boundary,
    })),
  };
}
