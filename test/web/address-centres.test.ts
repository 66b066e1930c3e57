/**
 * The web places a new address at a point inside its municipality (web/forms/centres.ts); this
 * crosses packages because the boundaries and the point-in-polygon lookup are the server's.
 */
import { describe, expect, it } from 'vitest';
import { locate, municipalityBoundaries } from '../../server/geo/index.ts';
import { pointInside } from '../../web/forms/centres.ts';

describe('the centre a new address is placed at', () => {
  it('lies inside its own municipality for each of the 16', () => {
    const features = municipalityBoundaries().features;
    expect(features).toHaveLength(16);
    for (const f of features) {
      const [lon, lat] = pointInside(f.geometry.coordinates[0]!);
      expect(locate(lon, lat)?.istatCode, f.properties.name).toBe(f.properties.istatCode);
    }
  });
});
