import { describe, expect, it } from 'vitest';
import { greatCircleM } from '../contract/great-circle.ts';
import { estimateDirectS } from './estimate-direct.ts';

describe('direct time without a routing engine', () => {
  it('Castellanza to Somma Lombardo (about 16 km apart) is estimated at a bit over 40 minutes', () => {
    const castellanza = { lat: 45.612374, lon: 8.897038 };
    const somma = { lat: 45.683621, lon: 8.707087 };
    expect(greatCircleM(castellanza, somma)).toBeGreaterThan(16_000);
    expect(greatCircleM(castellanza, somma)).toBeLessThan(17_000);
    // 1 min + 16.5 km × 1.35 at 32 km/h ≈ 43 min
    expect(estimateDirectS(castellanza, somma) / 60).toBeGreaterThan(40);
    expect(estimateDirectS(castellanza, somma) / 60).toBeLessThan(45);
  });

  it('the same place takes only the minute to reach the door', () => {
    expect(estimateDirectS({ lat: 45.6, lon: 8.8 }, { lat: 45.6, lon: 8.8 })).toBe(60);
  });
});
