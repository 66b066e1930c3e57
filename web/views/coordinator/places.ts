/**
 * The service places and the households' homes on the coordinator's map (whatever the plan).
 */
import type { Api } from '../../api/client.ts';
import type { MapPanel } from './map-panel.ts';

export async function loadPlaces(api: Api, mapPanel: MapPanel): Promise<void> {
  const [services, households] = await Promise.all([
    api.listAll('services').catch(() => []),
    api.listAll('households').catch(() => []),
  ]);
  const point = (row: Record<string, unknown>, key: 'place' | 'home') => {
    const p = row[key] as { lat?: unknown; lon?: unknown; label?: unknown } | undefined;
    return p && typeof p.lat === 'number' && typeof p.lon === 'number'
      ? { lat: p.lat, lon: p.lon, label: String(row.name ?? p.label ?? row.id) }
      : null;
  };
  mapPanel.showPlaces(
    services.map((s) => point(s, 'place')).filter((p) => p !== null),
    households.map((s) => point(s, 'home')).filter((p) => p !== null),
  );
}
