import { describe, expect, it } from 'vitest';
import { osrmFixture } from '../testing/fake-osrm-server.ts';
import { decodePolyline } from './polyline.ts';

describe('decoding an OSRM polyline', () => {
  it('starts and ends the real far-snap route at its snapped waypoints', () => {
    const answer = osrmFixture('outside_coverage_snaps_far_but_ok') as {
      routes: { geometry: string }[];
      waypoints: { location: [number, number] }[];
    };
    const line = decodePolyline(answer.routes[0].geometry);
    expect(line.length).toBeGreaterThan(2);
    const [first, last] = [line[0], line[line.length - 1]];
    expect(first[0]).toBeCloseTo(answer.waypoints[0].location[0], 5);
    expect(first[1]).toBeCloseTo(answer.waypoints[0].location[1], 5);
    expect(last[0]).toBeCloseTo(answer.waypoints[1].location[0], 5);
    expect(last[1]).toBeCloseTo(answer.waypoints[1].location[1], 5);
  });

  it('decodes negative coordinates (the format example of the encoding)', () => {
    expect(decodePolyline('_p~iF~ps|U_ulLnnqC_mqNvxq`@')).toEqual([
      [-120.2, 38.5],
      [-120.95, 40.7],
      [-126.453, 43.252],
    ]);
  });

  it('says where a truncated polyline breaks', () => {
    expect(() => decodePolyline('_p~iF~ps|U_')).toThrow(/character 11/);
  });
});
