import { describe, expect, it } from 'vitest';
import { Route } from '../search/route.ts';
import { constructedBenchmark } from '../testing/benchmark-world.ts';
import { Candidates, relaxedCandidates } from './insertion.ts';
import { hasRelaxedRoom } from './relaxed-room.ts';

const world = (set: string, name: string) => constructedBenchmark(set, name);

/**
 * Every route of a constructed solution, with none, one or two (neighbouring) of its requests
 * taken out — the trial routes of the ejection pool — against every request not in it.
 */
function tally(set: string, name: string) {
  const { ctx, sol } = world(set, name);
  const { p, ws } = ctx;
  const cand = new Candidates();
  const counts = { withRoom: 0, missed: 0, ruledOut: 0, optimistic: 0 };
  for (const route of sol.routes) {
    if (route.nodes.length === 0) continue;
    const members = route.nodes.filter((n) => (n & 1) === 0).map((n) => n >> 1);
    const removals: number[][] = [[]];
    members.forEach((a, k) => {
      removals.push([a]);
      if (k + 1 < members.length) removals.push([a, members[k + 1]]);
    });
    const lean = new Route(route.v);
    for (const out of removals) {
      lean.nodes = route.nodes.filter((n) => !out.includes(n >> 1));
      lean.updateRelaxed(p, ws);
      for (let r = 0; r < p.nReq; r++) {
        if (members.includes(r) && !out.includes(r)) continue;
        relaxedCandidates(p, lean, r, cand);
        const room = hasRelaxedRoom(p, lean, r);
        if (cand.size > 0) {
          counts.withRoom++;
          if (!room) counts.missed++;
        } else if (room) counts.optimistic++;
        else counts.ruledOut++;
      }
    }
  }
  return counts;
}

describe('relaxed room (the ejection pool rules trial routes out in one pass)', () => {
  // Li & Lim lr201: long routes, wide windows; lc109: tight clusters; Cordeau a4-40: ride-time
  // limits and a route duration limit, which the one-pass summary must honour too.
  it.each([
    ['lilim100', 'lr201'],
    ['lilim100', 'lc109'],
    ['darp', 'a4-40'],
  ])('%s %s: never says no where the enumeration finds a place, and rules out most of the rest', (set, name) => {
    const c = tally(set, name);
    expect(c.missed).toBe(0);
    expect(c.withRoom).toBeGreaterThan(0);
    expect(c.ruledOut).toBeGreaterThan(10 * c.optimistic);
  });
});
