import { describe, expect, it } from 'vitest';
import { shapesFromGeojson } from './route-shapes.ts';

const line = (routeId: string, estimated: boolean | undefined, coordinates: [number, number][]): GeoJSON.Feature => ({
  type: 'Feature',
  properties: { kind: 'route', routeId, ...(estimated === undefined ? {} : { estimated }) },
  geometry: { type: 'LineString', coordinates },
});

describe('routes follow the roads only when OSRM gave their shape', () => {
  const fc: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      line('r-osrm', false, [
        [8.9, 45.61],
        [8.91, 45.615],
        [8.92, 45.62],
      ]),
      line('r-est', true, [
        [8.7, 45.6],
        [8.72, 45.65],
      ]),
      line('r-unknown', undefined, [
        [8.7, 45.6],
        [8.71, 45.61],
      ]),
      {
        type: 'Feature',
        properties: { kind: 'stop', routeId: 'r-osrm' },
        geometry: { type: 'Point', coordinates: [8.9, 45.61] },
      },
    ],
  };

  it('keeps the road geometry of an OSRM route and marks straight ones as estimated', () => {
    const shapes = shapesFromGeojson(fc);
    expect(shapes.get('r-osrm')).toEqual({
      routeId: 'r-osrm',
      coordinates: [
        [8.9, 45.61],
        [8.91, 45.615],
        [8.92, 45.62],
      ],
      estimated: false,
    });
    expect(shapes.get('r-est')?.estimated).toBe(true);
  });

  it('treats a route without the flag as estimated (dashed, "stima") and ignores stop points', () => {
    const shapes = shapesFromGeojson(fc);
    expect(shapes.get('r-unknown')?.estimated).toBe(true);
    expect(shapes.size).toBe(3);
  });

  it('has no shapes without a GeoJSON answer', () => {
    expect(shapesFromGeojson(null).size).toBe(0);
  });
});
