import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../domain/validate-scenario.ts';
import { insideComune, loadProvinceMunicipalities } from '../geo/province-municipalities.ts';
import { parseArgs } from './cli.ts';
import { generateScenario } from './generate-scenario.ts';
import { provinceZones, splitByZone, zoneCount } from './province-zones.ts';
import { scenarioJson } from './scenario-json.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the province-wide scale scenario', () => {
  const comuni = loadProvinceMunicipalities();
  const byCode = new Map(comuni.map((m) => [m.istatCode, m]));
  const scenario = generateScenario({ passengers: 1500, seed: 7, area: 'province' });

  it('knows the 135 comuni of the province of Varese with their 2021 population', () => {
    expect(comuni).toHaveLength(135);
    expect(byCode.get('012026')).toMatchObject({ name: 'Busto Arsizio', population: 83_121 });
    expect(comuni.reduce((s, m) => s + m.population, 0)).toBe(876_289);
    for (const m of comuni) expect(insideComune(m, m.bbox[0] - 0.01, m.bbox[1] - 0.01)).toBe(false);
  });

  it('puts every home, service and depot inside the comune it names, over the whole province', () => {
    const places = [
      ...scenario.households.map((h) => h.home),
      ...scenario.services.map((s) => s.place),
      ...scenario.vehicles.map((v) => v.depot),
    ];
    for (const p of places) {
      const m = byCode.get(p.istatCode!);
      expect(m, p.label).toBeDefined();
      expect(insideComune(m!, p.lon, p.lat), p.label).toBe(true);
      expect(p.label).toContain(`${m!.name} (synthetic)`);
    }
    // spread in proportion to population: far beyond the 16 comuni of the two ambiti
    expect(new Set(scenario.households.map((h) => h.home.istatCode)).size).toBeGreaterThan(100);
    expect(new Set(scenario.services.map((s) => s.place.istatCode)).size).toBe(135);
  });

  it('is a function of its seed, and valid apart from the homes outside the two ambiti (Action A serves only those)', () => {
    expect(scenarioJson(generateScenario({ passengers: 1500, seed: 7, area: 'province' }))).toBe(
      scenarioJson(scenario),
    );
    expect(generateScenario({ passengers: 1500, seed: 8, area: 'province' }).households[0].home).not.toEqual(
      scenario.households[0].home,
    );
    const errors = validateScenario(scenario).filter((i) => i.severity === 'error');
    expect(errors.filter((e) => !/outside the 16 municipalities/.test(e.message))).toEqual([]);
  });

  it('gives each zone its own depot, vans and drivers, and splits into one scenario per zone', () => {
    const zones = provinceZones(comuni, zoneCount(1500));
    expect(zones.map((z) => z.id)).toEqual(['z01', 'z02']);
    expect(zones.flatMap((z) => z.comuni.map((m) => m.istatCode)).sort()).toEqual(comuni.map((m) => m.istatCode));
    const parts = splitByZone(scenario, zones);
    expect(parts.reduce((s, p) => s + p.scenario.passengers.length, 0)).toBe(1500);
    expect(parts.reduce((s, p) => s + p.scenario.requests.length, 0)).toBe(scenario.requests.length);
    expect(parts.reduce((s, p) => s + p.scenario.vehicles.length, 0)).toBe(scenario.vehicles.length);
    for (const { zone, scenario: part } of parts) {
      const own = new Set(zone.comuni.map((m) => m.istatCode));
      expect(part.households.every((h) => own.has(h.home.istatCode!))).toBe(true);
      expect(part.vehicles.every((v) => v.id.startsWith(`veh-${zone.id}-`) && own.has(v.depot.istatCode!))).toBe(true);
      const vehicles = new Set(part.vehicles.map((v) => v.id));
      expect(part.drivers.every((d) => d.vehicleIds.every((id) => vehicles.has(id)))).toBe(true);
      const services = new Set(part.services.map((s) => s.id));
      expect(part.requests.every((r) => services.has(r.serviceId))).toBe(true);
    }
  });

  it('leaves the scenarios of the two ambiti byte for byte as they were (1,000 passengers, seed 3, as the scale bench uses)', () => {
    const json = scenarioJson(generateScenario({ passengers: 1000, seed: 3 }));
    expect(sha256(json)).toBe('2d340a0c7cb1221afd17632a239f307fa992a35ef33fc4a196b1a8ddcf1276bd');
    expect(scenarioJson(generateScenario({ passengers: 1000, seed: 3, area: 'ambiti' }))).toBe(json);
  });

  it('takes --area from the command line', () => {
    expect(parseArgs(['--passengers', '10000', '--area', 'province', '--seed', '3'])).toEqual({
      passengers: 10_000,
      area: 'province',
      seed: 3,
    });
    expect(() => parseArgs(['--area', 'lombardy'])).toThrow(/--area: expected one of ambiti, province, got "lombardy"/);
    expect(() => generateScenario({ passengers: 10, area: 'lombardy' as never })).toThrow(/area: expected one of/);
  });
});
