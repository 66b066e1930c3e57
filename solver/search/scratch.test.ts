import { describe, expect, it } from 'vitest';
import { Scratch } from './scratch.ts';

describe('scratch arrays', () => {
  it('hands a slot the same array while it is large enough, a larger one when not', () => {
    const s = new Scratch((n) => new Float64Array(n));
    const a = s.get(0, 10);
    expect(a.length).toBeGreaterThanOrEqual(10);
    expect(s.get(0, 5)).toBe(a);
    const b = s.get(0, 50);
    expect(b).not.toBe(a);
    expect(b.length).toBeGreaterThanOrEqual(50);
    expect(s.get(1, 5)).not.toBe(b);
  });
});
