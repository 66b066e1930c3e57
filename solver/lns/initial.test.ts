import { describe, expect, it } from 'vitest';
import { solve } from '../index.ts';
import { lineWorld, realWeights } from '../testing/line-world.ts';

describe('warm start', () => {
  // Regression: the delivery of a warm-started pickup was skipped, so routes came back with pickups only.
  it("keeps both ends of every request of the caller's routes", () => {
    const inst = lineWorld(
      [0, 2, 5, 8, 10],
      [
        { from: 1, to: 3 },
        { from: 2, to: 4 },
      ],
      [{}],
      { objective: realWeights },
    );
    const sol = solve(inst, {
      seed: 1,
      maxIterations: 0,
      now: () => 0,
      initial: [
        {
          vehicleIdx: 0,
          visits: [
            { requestIdx: 0, kind: 'pickup' },
            { requestIdx: 1, kind: 'pickup' },
            { requestIdx: 0, kind: 'delivery' },
            { requestIdx: 1, kind: 'delivery' },
          ],
        },
      ],
    });
    expect(sol.unserved).toEqual([]);
    const visits = sol.routes.flatMap((r) => r.visits.map((v) => `${v.kind}${v.requestIdx}`));
    expect(visits.sort()).toEqual(['delivery0', 'delivery1', 'pickup0', 'pickup1']);
  });
});
