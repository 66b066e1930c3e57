/** The 16 municipality boundaries, drawn under everything else, labelled with the comune's name. */
import L from 'leaflet';
import { safeTooltip } from '../safe-content.ts';

export function boundariesLayer(collection: GeoJSON.FeatureCollection): L.GeoJSON {
  return L.geoJSON(collection, {
    interactive: false,
    style: (feature) => ({
      color: '#4a5568',
      weight: 1.2,
      fillColor: feature?.properties?.ambito === 'Castellanza' ? '#dbe7f3' : '#e6efdc',
      fillOpacity: 0.55,
    }),
    onEachFeature: (feature, layer) => {
      const name = feature.properties?.name;
      if (typeof name === 'string')
        safeTooltip(layer, name, { permanent: true, direction: 'center', className: 'comune-label' });
    },
  });
}
