import { describe, expect, it } from 'vitest';
import { solveParallel } from '../index.ts';
import { prepare } from '../model/prepared.ts';
import { createContext } from '../search/context.ts';
import { Route } from '../search/route.ts';
import { Solution } from '../search/solution.ts';
import { fixedClock, lineWorld } from '../testing/line-world.ts';
import { checkInstanceSolution } from '../../test/helpers/checker.ts';
import { SharedBest, sharedBestBytes } from './shared-best.ts';

const KM = [0, 10, 20, 30, -15, -20];
const trips = [
  { from: 1, to: 2 },
  { from: 2, to: 3 },
  { from: 4, to: 5 },
  { from: 5, to: 1, pickupMin: [100, 140] as [number, number] },
];
const world = () => lineWorld(KM, trips, [{}, {}, {}]);

describe('shared best between the two search threads', () => {
  it("a thread goes on from the partner's solution only when it is better", () => {
    const inst = world();
    const p = prepare(inst);
    const buffer = new SharedArrayBuffer(sharedBestBytes(p.nReq, p.nVeh));
    SharedBest.reset(buffer, p.nReq, p.nVeh);
    const mainCtx = createContext(p, 1);
    const workerCtx = createContext(prepare(inst), 2);
    const main = new SharedBest(mainCtx, buffer, 0, false, () => true);
    const worker = new SharedBest(workerCtx, buffer, 1, false, () => true);
    // Main thread: three vehicles.
    const spread = Solution.empty(p, mainCtx.ws);
    [[0, 1], [2], [3]].forEach((reqs, v) => {
      spread.routes[v] = new Route(
        v,
        reqs.flatMap((r) => [2 * r, 2 * r + 1]),
      );
      spread.routes[v].update(p, mainCtx.ws);
    });
    // Worker: one vehicle does it all (two vehicle costs cheaper).
    const single = Solution.empty(p, workerCtx.ws);
    single.routes[0] = new Route(0, [0, 1, 2, 3, 4, 5, 6, 7]);
    single.routes[0].update(p, workerCtx.ws);
    expect(single.feasible()).toBe(true);
    const penalty = p.inst.objective.unservedPenalty;
    expect(single.cost(penalty)).toBeLessThan(spread.cost(penalty));

    // Before any checkpoint nothing is exchanged.
    expect(main.exchange(0.01, spread)).toBeNull();
    // The worker reaches checkpoint 2 first: the main thread has posted nothing, it keeps its own.
    expect(worker.exchange(0.1, single)).toBeNull();
    // The main thread at checkpoint 2 takes the worker's better solution, decoded in its own context.
    const taken = main.exchange(0.1, spread);
    expect(taken?.routes[0].nodes).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(taken?.cost(penalty)).toBeCloseTo(single.cost(penalty), 9);
    expect(main.adopted).toBe(1);
    // The worker at checkpoint 3 sees the main thread's worse post and keeps its own.
    expect(worker.exchange(0.15, single)).toBeNull();
    // After the worker finishes, its final solution is what the main thread reads.
    worker.finish(single);
    expect(main.exchange(0.2, spread)?.cost(penalty)).toBeCloseTo(single.cost(penalty), 9);
  });

  it('two cooperating threads with an iteration budget give the same plan every time, and a valid one', () => {
    const inst = lineWorld(
      KM,
      Array.from({ length: 10 }, (_, k) => ({
        from: 1 + (k % 5),
        to: 1 + ((k * 3 + 1) % 5),
        pickupMin: [20 * k, 20 * k + 60] as [number, number],
      })),
      [{}, {}, {}, {}],
    );
    let iterations = 0;
    const once = () =>
      solveParallel(inst, {
        seed: 5,
        maxIterations: 400,
        threads: 2,
        now: fixedClock(),
        onProgress: (p) => (iterations = p.iteration),
      });
    const a = once();
    // Both threads ran their 400 iterations (the worker really took part).
    expect(iterations).toBe(800);
    const b = once();
    expect(a.unserved).toEqual([]);
    expect(checkInstanceSolution(inst, a)).toEqual([]);
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
  });
});
