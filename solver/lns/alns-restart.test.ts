import { describe, expect, it } from 'vitest';
import { constructedBenchmark } from '../testing/benchmark-world.ts';
import { alns, temperature } from './alns.ts';

describe('ALNS cooling schedule', () => {
  it('cools from the start temperature to the end one, and a restart warms up and cools again by the end', () => {
    expect(temperature(100, 1, 0)).toBeCloseTo(100);
    expect(temperature(100, 1, 0.5)).toBeCloseTo(10);
    expect(temperature(100, 1, 1)).toBeCloseTo(1);
    // Restarted at 60 % of the budget at half the start temperature.
    expect(temperature(100, 1, 0.6, 0.6, 50)).toBeCloseTo(50);
    expect(temperature(100, 1, 0.8, 0.6, 50)).toBeCloseTo(50 * (1 / 50) ** 0.5);
    expect(temperature(100, 1, 1, 0.6, 50)).toBeCloseTo(1);
    expect(temperature(100, 1, 1, 1, 50)).toBe(1);
    for (let f = 0.6; f < 1; f += 0.05) {
      expect(temperature(100, 1, f + 0.05, 0.6, 50)).toBeLessThan(temperature(100, 1, f, 0.6, 50));
    }
  });
});

function lr104(seed: number) {
  const { ctx, sol } = constructedBenchmark('lilim100', 'lr104', seed);
  return { ctx, start: sol };
}

describe('ALNS restarts', () => {
  it('goes back to its best after a stall and never returns worse than the best it found', () => {
    const ITERATIONS = 2000;
    const budget = { stop: (it: number) => it >= ITERATIONS, fraction: (it: number) => it / ITERATIONS };
    const plain = lr104(1);
    const startCost = plain.start.cost(plain.ctx.penalty);
    const without = alns(plain.ctx, plain.start, budget);
    expect(without.restarts).toBe(0);
    const restarted = lr104(1);
    const seen: number[] = [];
    const run = alns(restarted.ctx, restarted.start, {
      ...budget,
      restartAfter: 100,
      onBest: (_best, cost) => seen.push(cost),
    });
    expect(run.restarts).toBeGreaterThan(0);
    expect(run.best.feasible()).toBe(true);
    expect(run.best.bank).toEqual([]);
    const cost = run.best.cost(restarted.ctx.penalty);
    expect(cost).toBeLessThan(startCost);
    expect(cost).toBeCloseTo(Math.min(...seen), 6);
  });
});
