import { describe, expect, it } from 'vitest';
import { triangleSlack } from './triangle-slack.ts';

/** Euclidean distances between points on a grid (a metric). */
function grid(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) m[a * n + b] = Math.hypot((a % 7) - (b % 7), Math.floor(a / 7) - Math.floor(b / 7));
  return m;
}

describe('triangle slack of a travel matrix', () => {
  it('is zero (to rounding) for Euclidean distances, small and large', () => {
    expect(triangleSlack(grid(40), 40)).toBeLessThan(1e-9);
    expect(triangleSlack(grid(400), 400)).toBeLessThan(1e-9);
  });

  it('is the largest shortcut a direct trip misses, on every triple of a small matrix', () => {
    const n = 40;
    const m = grid(n);
    // A one-way street: 3 → 17 takes 20 more than the shortest way round.
    let round = Infinity;
    for (let b = 0; b < n; b++) if (b !== 3 && b !== 17) round = Math.min(round, m[3 * n + b] + m[b * n + 17]);
    m[3 * n + 17] = round + 20;
    expect(triangleSlack(m, n)).toBeCloseTo(20, 9);
  });

  it('finds a break shared by many triples of a large matrix from its sample', () => {
    const n = 400;
    const m = grid(n);
    // Every direct trip from one tenth of the locations to the next tenth costs 50 more.
    for (let a = 0; a < n / 10; a++) for (let c = n / 10; c < n / 5; c++) m[a * n + c] += 50;
    expect(triangleSlack(m, n)).toBeGreaterThan(40);
  });
});
