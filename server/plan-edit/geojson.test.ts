import { describe, expect, it } from 'vitest';
import type { RoutingProvider } from '../routing/provider.ts';
import { planGeoJson } from './geojson.ts';
import { DATE, twoVans } from './testing/two-vans.ts';

const osrm = (shape: RoutingProvider['shape']): RoutingProvider => ({
  name: 'osrm',
  matrix: () => Promise.reject(new Error('not used')),
  snap: () => Promise.reject(new Error('not used')),
  shape,
});

describe('a plan date as GeoJSON for the map', () => {
  it('with OSRM, routes follow the road shape and are not marked estimated', async () => {
    const road: [number, number][] = [
      [8.89, 45.61],
      [8.895, 45.615],
      [8.89, 45.62],
      [8.89, 45.6],
    ];
    const fc = await planGeoJson(
      twoVans(),
      DATE,
      osrm(async () => ({ provider: 'osrm', coordinates: road, estimated: false, distanceM: 1, durationS: 1 })),
    );
    const line = fc.features.find((f) => f.geometry.type === 'LineString')!;
    expect(line.geometry.coordinates).toEqual(road);
    expect(line.properties).toMatchObject({ kind: 'route', routeId: `${DATE}.vA.am`, estimated: false });
  });

  it('without OSRM, or when OSRM fails, routes are straight between the stops and marked estimated', async () => {
    for (const routing of [undefined, osrm(() => Promise.reject(new Error('OSRM down')))]) {
      const fc = await planGeoJson(twoVans(), DATE, routing);
      const line = fc.features.find((f) => f.geometry.type === 'LineString')!;
      expect(line.properties.estimated).toBe(true);
      expect(line.geometry.coordinates).toEqual(twoVans().days[0].routes[0].stops.map((s) => [s.lon, s.lat]));
    }
  });

  it('every stop is a Point with its order, times, window, lock and passengers', async () => {
    const fc = await planGeoJson(twoVans(), DATE, undefined);
    const points = fc.features.filter((f) => f.geometry.type === 'Point');
    expect(points).toHaveLength(8);
    expect(points[0].properties).toMatchObject({
      kind: 'stop',
      stopKind: 'pickup',
      order: 0,
      requestId: 'rA',
      locked: false,
      passengers: ['anna'],
      windowFrom: `${DATE}T06:00:00+01:00`,
    });
    expect((await planGeoJson(twoVans(), '2026-12-02', undefined)).features).toEqual([]);
  });
});
