import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greatCircleM } from '../../contract/great-circle.ts';
import { EstimateProvider, type EstimateSettings } from './estimate-provider.ts';

const settings: EstimateSettings = { detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 60, urbanM: 3000 };
const estimate = new EstimateProvider(settings);

// Real places of the two ambiti (town halls, rounded).
const castellanza = { lon: 8.8958, lat: 45.6103, label: 'Castellanza' };
const sommaLombardo = { lon: 8.7069, lat: 45.6846, label: 'Somma Lombardo' };
const nextDoor = { lon: 8.8978, lat: 45.6113, label: '190 m away' };

describe('the estimated provider (no OSRM)', () => {
  it('labels every result as an estimate, shapes as straight segments', async () => {
    const matrix = await estimate.matrix([castellanza, sommaLombardo]);
    const shape = await estimate.shape([castellanza, nextDoor, sommaLombardo]);
    const snap = await estimate.snap(castellanza);
    expect(matrix.provider).toBe('estimate');
    expect(shape).toMatchObject({ provider: 'estimate', estimated: true });
    expect(shape.coordinates).toEqual([
      [castellanza.lon, castellanza.lat],
      [nextDoor.lon, nextDoor.lat],
      [sommaLombardo.lon, sommaLombardo.lat],
    ]);
    expect(snap).toEqual({ provider: 'estimate', lon: castellanza.lon, lat: castellanza.lat, distanceM: 0 });
  });

  it('drives the road distance (great circle × detour) at urban speed first, then extra-urban', () => {
    const crow = greatCircleM(castellanza, sommaLombardo);
    const leg = estimate.leg(castellanza, sommaLombardo);
    expect(leg.distanceM).toBeCloseTo(crow * 1.3, 0);
    const expectedS = 3000 / (25 / 3.6) + (crow * 1.3 - 3000) / (60 / 3.6);
    expect(leg.durationS).toBeCloseTo(expectedS, 0);
    // Castellanza → Somma Lombardo is about 17 km by road and 20–25 minutes by car.
    expect(leg.distanceM).toBeGreaterThan(15_000);
    expect(leg.durationS / 60).toBeGreaterThan(18);
    expect(leg.durationS / 60).toBeLessThan(30);
    const short = estimate.leg(castellanza, nextDoor);
    expect(short.durationS).toBeCloseTo(short.distanceM / (25 / 3.6), 0);
  });

  it('is symmetric with zero on the diagonal', async () => {
    const m = await estimate.matrix([castellanza, sommaLombardo, nextDoor]);
    for (let i = 0; i < 3; i++) {
      expect(m.durationsS[i][i]).toBe(0);
      for (let j = 0; j < 3; j++) expect(m.durationsS[i][j]).toBe(m.durationsS[j][i]);
    }
  });

  it('never makes a detour through a third place faster than going direct (triangle inequality)', () => {
    const place = fc.record({
      lon: fc.double({ min: 8.54, max: 9.04, noNaN: true }),
      lat: fc.double({ min: 45.49, max: 45.79, noNaN: true }),
    });
    fc.assert(
      fc.property(place, place, place, (a, b, c) => {
        const direct = estimate.leg(a, c).durationS;
        const via = estimate.leg(a, b).durationS + estimate.leg(b, c).durationS;
        return direct <= via + 0.2; // rounding to 0.1 s on each of three legs
      }),
    );
  });

  it('rejects a place that is not a coordinate, naming it', async () => {
    await expect(estimate.matrix([castellanza, { lon: 200, lat: 45, label: 'Via Roma 3' }])).rejects.toThrow(
      /places\.1 \(Via Roma 3\): not a valid lon\/lat: 200, 45/,
    );
  });
});
