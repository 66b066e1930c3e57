import { describe, expect, it } from 'vitest';
import { pointInside } from './centres.ts';

describe('the centre a new address is placed at', () => {
  it('falls back to a point inside when the centroid of a concave shape is outside', () => {
    // A "U": the centroid (x = 2) lies in the notch between the arms.
    const u = [
      [0, 0],
      [4, 0],
      [4, 4],
      [3, 4],
      [3, 1],
      [1, 1],
      [1, 4],
      [0, 4],
      [0, 0],
    ];
    const [x, y] = pointInside(u);
    expect((x > 0 && x < 1) || (x > 3 && x < 4)).toBe(true);
    expect(y > 0 && y < 4).toBe(true);
  });
});
