import { describe, expect, it } from 'vitest';
import { validateScenario } from '../domain/validate-scenario.ts';
import { parseArgs } from './cli.ts';
import { generateScenario } from './generate-scenario.ts';

describe('the scenario generator', () => {
  it('is a function of its seed: same seed same scenario, another seed another one', () => {
    const a = generateScenario({ passengers: 30, seed: 3 });
    expect(generateScenario({ passengers: 30, seed: 3 })).toEqual(a);
    expect(generateScenario({ passengers: 30, seed: 4 }).households[0].home).not.toEqual(a.households[0].home);
  });

  it('scales to 1000 passengers with 83 vehicles and 100 drivers, still without validation errors', () => {
    const big = generateScenario({ passengers: 1000, seed: 3 });
    expect(big.passengers).toHaveLength(1000);
    expect(new Set(big.passengers.map((p) => p.id)).size).toBe(1000);
    expect(big.vehicles).toHaveLength(83);
    expect(big.drivers).toHaveLength(100);
    const issues = validateScenario(big);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    // about one household in 40 is deliberately impossible
    const passengersWithWarnings = new Set(issues.map((i) => big.requests[Number(i.path.split('.')[1])].passengerId));
    expect(passengersWithWarnings.size).toBe(25);
  });

  it('generates another week on request', () => {
    const s = generateScenario({ passengers: 10, week: '2027-W03' });
    expect(s.week).toBe('2027-W03');
    expect(validateScenario(s).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('rejects bad options naming the option and the value', () => {
    expect(() => generateScenario({ passengers: 0 })).toThrow(/passengers: .* got 0/);
    expect(() => generateScenario({ week: '2026-W60' })).toThrow(/week: expected YYYY-Www, got "2026-W60"|2026-W60/);
    expect(parseArgs(['--passengers', '1000', '--seed', '3', '--out', 'x.json'])).toEqual({
      passengers: 1000,
      seed: 3,
      out: 'x.json',
    });
    expect(() => parseArgs(['--passengers', 'many'])).toThrow(/--passengers: expected a whole number, got "many"/);
    expect(() => parseArgs(['--color', 'red'])).toThrow(/unknown option "--color"/);
    expect(() => parseArgs(['--seed'])).toThrow(/--seed: a value is missing/);
  });
});
