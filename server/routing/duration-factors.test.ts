import { describe, expect, it } from 'vitest';
import { parseRoutingConfig } from './config.ts';
import { durationFactorAt, FactoredProvider } from './duration-factors.ts';
import { EstimateProvider } from './estimate/estimate-provider.ts';

const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3)) * 60;

describe('minibus and rush-hour factors', () => {
  const config = parseRoutingConfig({});
  const factors = { minibus: config.ROUTING_DURATION_FACTOR, rushHours: config.ROUTING_RUSH_HOURS };

  it('slows every trip by the minibus factor, and more in the morning and evening rush', () => {
    expect(durationFactorAt(factors)).toBe(1.15);
    expect(durationFactorAt(factors, at('07:29'))).toBe(1.15);
    expect(durationFactorAt(factors, at('07:30'))).toBeCloseTo(1.15 * 1.2);
    expect(durationFactorAt(factors, at('08:59'))).toBeCloseTo(1.15 * 1.2);
    expect(durationFactorAt(factors, at('09:00'))).toBe(1.15);
    expect(durationFactorAt(factors, at('17:45'))).toBeCloseTo(1.15 * 1.15);
    expect(durationFactorAt(factors, at('18:30'))).toBe(1.15);
  });

  it('multiplies matrix durations but never distances, and says which factor it used', async () => {
    const estimate = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 60, urbanM: 3000 });
    const places = [
      { lon: 8.8958, lat: 45.6103 },
      { lon: 8.7069, lat: 45.6846 },
    ];
    const car = await estimate.matrix(places);
    const minibus = await new FactoredProvider(estimate, factors).matrix(places, { departureS: at('08:00') });
    expect(minibus.provider).toBe('estimate');
    expect(minibus.durationFactor).toBeCloseTo(1.38);
    expect(minibus.durationsS[0][1]).toBeCloseTo(car.durationsS[0][1] * 1.38, 0);
    expect(minibus.distancesM).toEqual(car.distancesM);
  });

  it('reads rush hours from the environment and rejects a malformed one by name and value', () => {
    expect(parseRoutingConfig({ ROUTING_RUSH_HOURS: 'none' }).ROUTING_RUSH_HOURS).toEqual([]);
    expect(parseRoutingConfig({ ROUTING_RUSH_HOURS: '16:00-17:00=1.3' }).ROUTING_RUSH_HOURS).toEqual([
      { fromS: 57600, toS: 61200, factor: 1.3 },
    ]);
    expect(() => parseRoutingConfig({ ROUTING_RUSH_HOURS: '9:00-8:00=1.2' })).toThrow(
      /ROUTING_RUSH_HOURS="9:00-8:00=1.2": .*not HH:MM-HH:MM=factor/,
    );
    expect(() => parseRoutingConfig({ ROUTING_RUSH_HOURS: '08:00-09:00=1.2,08:30-10:00=1.1' })).toThrow(/overlap/);
    expect(() => parseRoutingConfig({ ROUTING_DURATION_FACTOR: 'fast' })).toThrow(/ROUTING_DURATION_FACTOR="fast"/);
  });
});
