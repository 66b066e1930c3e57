/**
 * How far a travel matrix breaks the triangle inequality: the largest m[a][c] − m[a][b] − m[b][c]
 * (0 for a metric). An inserted stop's detour is at least minus this, which lets the insertion
 * pricing skip positions whose partial cost already exceeds the cheapest found
 * (lns/insertion.ts). Exact over every triple on small matrices; on large ones a fixed sample
 * of triples (road matrices break it rarely and by little; a miss only costs the pricing a
 * slightly cheaper candidate, never feasibility).
 */

/** Matrices up to this size are checked on every triple (150³ ≈ 3.4 M). */
const EXACT_UP_TO = 150;
/** Triples sampled on larger matrices. */
const SAMPLES = 1_000_000;

export function triangleSlack(m: Float64Array, size: number): number {
  let worst = 0;
  if (size <= EXACT_UP_TO) {
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        const ab = m[a * size + b];
        for (let c = 0; c < size; c++) {
          const v = m[a * size + c] - ab - m[b * size + c];
          if (v > worst) worst = v;
        }
      }
    }
    return worst;
  }
  // A fixed linear congruential sequence: the same matrix always gives the same slack.
  let x = 0x2545f491;
  const next = (): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return Math.floor((x / 4294967296) * size);
  };
  for (let k = 0; k < SAMPLES; k++) {
    const a = next();
    const b = next();
    const c = next();
    const v = m[a * size + c] - m[a * size + b] - m[b * size + c];
    if (v > worst) worst = v;
  }
  return worst;
}
