import { describe, expect, it } from 'vitest';
import { prepare } from '../model/prepared.ts';
import { createContext, type SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';
import { oneSeatWorld, vansServing } from '../testing/one-seat-world.ts';
import { absenceWalk } from './absence-walk.ts';

/** X in van 0, Y in van 1; van 2 (Z's) out of service with Z waiting in the bank. */
function withoutVanTwo(ctx: SearchContext): Solution {
  const sol = vansServing(ctx, [[0], [1]]);
  sol.bank = [2];
  sol.disabled[2] = 1;
  return sol;
}

const used = (sol: Solution) => sol.routes.filter((r) => r.nodes.length > 0).length;

describe('absence walk (route elimination by ruin and recreate)', () => {
  it('serves a request that fits nowhere by moving another one first', () => {
    for (const seed of [1, 2, 3]) {
      const ctx = createContext(prepare(oneSeatWorld()), seed);
      const absences = new Int32Array(ctx.p.nReq);
      const { best, steps } = absenceWalk(ctx, withoutVanTwo(ctx), absences, { maxSteps: 200, stop: () => false });
      expect(best.bank).toEqual([]);
      expect(best.feasible()).toBe(true);
      expect(used(best)).toBe(2);
      expect(best.routes[2].nodes).toEqual([]);
      expect(steps).toBeGreaterThanOrEqual(1);
    }
  });

  it('never opens a van: when nothing makes room the request stays out and its absences count', () => {
    // Y at 1:05 at km 25: X → Y is too late as well, so no two requests share a van.
    const ctx = createContext(prepare(oneSeatWorld(65)), 1);
    const absences = new Int32Array(ctx.p.nReq);
    const { best, steps } = absenceWalk(ctx, withoutVanTwo(ctx), absences, { maxSteps: 30, stop: () => false });
    expect(steps).toBe(30);
    expect(best.bank).toHaveLength(1);
    expect(used(best)).toBe(2);
    expect(best.feasible()).toBe(true);
    expect(absences.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
  });

  it('stops when asked, before a step', () => {
    const ctx = createContext(prepare(oneSeatWorld(65)), 1);
    const { steps } = absenceWalk(ctx, withoutVanTwo(ctx), new Int32Array(3), { maxSteps: 30, stop: (s) => s >= 7 });
    expect(steps).toBe(7);
  });
});
