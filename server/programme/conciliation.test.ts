import { describe, expect, it } from 'vitest';
import { conciliationMinutes } from './conciliation.ts';

describe('conciliation hours follow the documented rule', () => {
  it('a service 0.1° of latitude north of home frees 58 minutes on a working day (hand-computed)', () => {
    // great-circle: 0.1° × π/180 × 6,371,000 m = 11,119.5 m; × 1.35 = 15,011.3 m road;
    // at 32 km/h (8.889 m/s) = 1,688.8 s, + 60 s = 1,749 s (rounded) = 29.15 min;
    // there and back: 2 × 1,749 s = 3,498 s = 58.3 min → 58.
    const home = { lat: 45.6, lon: 8.9 };
    const service = { lat: 45.7, lon: 8.9 };
    expect(conciliationMinutes(home, service, true)).toBe(58);
  });

  it('a trip on a day nobody works frees no working time', () => {
    expect(conciliationMinutes({ lat: 45.6, lon: 8.9 }, { lat: 45.7, lon: 8.9 }, false)).toBe(0);
  });
});
