import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../contract/domain.ts';
import { expandWeek } from '../domain/expand-week.ts';
import { validateScenario } from '../domain/validate-scenario.ts';
import { locate } from '../geo/locate.ts';
import { loadMunicipalities } from '../geo/municipalities.ts';
import { generateScenario } from './generate-scenario.ts';
import { scenarioJson } from './scenario-json.ts';

const FILE = new URL('../../fixtures/scenarios/demo-week.json', import.meta.url);
const text = readFileSync(FILE, 'utf8');
const demo = ScenarioSchema.parse(JSON.parse(text));

describe('the demo week (fixtures/scenarios/demo-week.json)', () => {
  it('is exactly what the generator gives for seed 1 and 2026-W49 (regenerate it on purpose only: npm run scenario -- --out fixtures/scenarios/demo-week.json)', () => {
    expect(scenarioJson(generateScenario({ passengers: 120, seed: 1, week: '2026-W49' }))).toBe(text);
  });

  it('is already in canonical form: parsing it adds no defaults', () => {
    expect(demo).toEqual(JSON.parse(text));
  });

  it('has no validation errors; the few impossible requests are reported as warnings with their reason and fix', () => {
    const issues = validateScenario(demo);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const warnings = issues.filter((i) => i.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings)
      expect(w.message).toMatch(/cannot hold \((OUTBOUND_AFTER_ADULT_LEAVES|RETURN_BEFORE_ADULT_BACK)\): .* Fix: /);
    // 3 deliberately impossible households
    expect(new Set(warnings.map((w) => demo.requests[Number(w.path.split('.')[1])].passengerId)).size).toBe(3);
  });

  it('is a realistic week of 120 passengers: 60% children, 25% disabled adults, 15% elderly, some in wheelchairs or with an escort', () => {
    const count = (f: (p: (typeof demo.passengers)[number]) => boolean) => demo.passengers.filter(f).length;
    expect(demo.week).toBe('2026-W49');
    expect([
      count((p) => p.ageGroup === 'child'),
      count((p) => p.ageGroup === 'adult'),
      count((p) => p.ageGroup === 'elderly'),
    ]).toEqual([72, 30, 18]);
    expect(count((p) => p.mobility === 'wheelchair')).toBeGreaterThanOrEqual(6);
    expect(count((p) => p.mobility === 'wheelchair')).toBeLessThanOrEqual(20);
    expect(count((p) => p.needsEscort)).toBeGreaterThanOrEqual(4);
    const kinds = new Set(demo.services.map((s) => s.kind));
    expect([...kinds].sort()).toEqual([
      'day_centre_disabled',
      'elderly_day_centre',
      'nursery',
      'school',
      'summer_camp',
      'therapy',
    ]);
    expect(demo.vehicles).toHaveLength(10);
    expect(demo.vehicles.filter((v) => v.features.lift)).toHaveLength(4);
    expect(demo.drivers).toHaveLength(12);
    expect(demo.vehicles.every((v) => demo.drivers.some((d) => d.vehicleIds.includes(v.id)))).toBe(true);
  });

  it('spreads passengers over the 16 comuni in proportion to population, homes inside the real boundaries', () => {
    const munis = loadMunicipalities();
    const total = munis.reduce((s, m) => s + m.population, 0);
    for (const m of munis) {
      const homes = demo.households.filter((h) => h.home.istatCode === m.istatCode);
      expect(Math.abs(homes.length - (120 * m.population) / total)).toBeLessThan(1);
      for (const h of homes) expect(locate(h.home.lon, h.home.lat)?.istatCode).toBe(m.istatCode);
    }
  });

  it('marks every person, household, address and service as synthetic', () => {
    expect(demo.synthetic).toBe(true);
    expect(demo.passengers.every((p) => p.synthetic && p.name.endsWith('(demo)'))).toBe(true);
    expect(
      demo.households.every(
        (h) => h.synthetic && h.home.label.endsWith('(synthetic)') && h.adults.every((a) => a.phone === ''),
      ),
    ).toBe(true);
    expect(demo.services.every((s) => s.synthetic && s.name.includes('(demo)'))).toBe(true);
  });

  it('is mostly plannable: every day has trips, and at most 3% of them cannot hold', () => {
    const week = expandWeek(demo, demo.week);
    expect(week.trips.length).toBeGreaterThan(700);
    for (const date of week.dates.slice(0, 5))
      expect(week.trips.filter((t) => t.date === date).length).toBeGreaterThan(120);
    expect(week.unservable.length).toBeGreaterThan(0);
    expect(week.unservable.length / (week.trips.length + week.unservable.length)).toBeLessThan(0.03);
    expect(week.unservable.every((u) => u.message.length > 40 && u.fix.length > 10)).toBe(true);
    // the CSE closure on Friday and a few absences cancel trips; nothing travels at the weekend
    expect(week.cancelled.some((c) => c.why === 'service_closed' && c.date === '2026-12-04')).toBe(true);
    expect(week.cancelled.some((c) => c.why === 'absence')).toBe(true);
    expect(week.trips.filter((t) => t.weekday === 'sat' || t.weekday === 'sun')).toEqual([]);
  });
});
