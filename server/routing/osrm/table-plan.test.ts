import { describe, expect, it } from 'vitest';
import { planTableRequests } from './table-plan.ts';

function allPairs(n: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs.push([i, j]);
  return pairs;
}

function covered(requests: ReturnType<typeof planTableRequests>): Set<string> {
  const cells = new Set<string>();
  for (const r of requests) for (const s of r.sources) for (const d of r.destinations) cells.add(`${s}>${d}`);
  return cells;
}

describe('planning the /table requests for the missing cells', () => {
  it('makes the whole matrix of 250 places in 3×3 blocks of at most 100×100', () => {
    const requests = planTableRequests(250, allPairs(250), 100);
    expect(requests).toHaveLength(9);
    for (const r of requests) expect(r.sources.length * r.destinations.length).toBeLessThanOrEqual(100 * 100);
    const cells = covered(requests);
    expect(allPairs(250).filter(([i, j]) => !cells.has(`${i}>${j}`))).toEqual([]);
  });

  it("asks a new place's row and column only", () => {
    const missing = allPairs(6).filter(([i, j]) => i === 4 || j === 4);
    const requests = planTableRequests(6, missing, 100);
    expect(requests).toEqual([
      { sources: [4], destinations: [0, 1, 2, 3, 5] },
      { sources: [0, 1, 2, 3, 5], destinations: [4] },
    ]);
  });

  it('covers scattered missing cells without asking the whole matrix', () => {
    const missing: [number, number][] = [
      [0, 1],
      [2, 3],
      [3, 2],
      [5, 0],
    ];
    const requests = planTableRequests(40, missing, 100);
    const cells = covered(requests);
    for (const [i, j] of missing) expect(cells.has(`${i}>${j}`)).toBe(true);
    expect(cells.size).toBeLessThanOrEqual(8);
  });

  it('asks nothing when nothing is missing', () => {
    expect(planTableRequests(10, [], 100)).toEqual([]);
  });
});
