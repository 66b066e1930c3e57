/**
 * N distinct, reproducible places spread over the service area (bbox 8.54,45.49,9.04,45.79),
 * from a low-discrepancy sequence: test input for large matrices, no randomness.
 */
import type { LonLat } from '../provider.ts';

export function varesePlaces(count: number, offset = 0): LonLat[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset + 1;
    return {
      lon: Number((8.55 + ((i * 0.6180339887) % 1) * 0.48).toFixed(5)),
      lat: Number((45.5 + ((i * 0.7548776662) % 1) * 0.28).toFixed(5)),
      label: `home ${i}`,
    };
  });
}
