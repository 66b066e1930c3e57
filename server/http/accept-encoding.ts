/**
 * Picks the content coding for a cached body from the request's Accept-Encoding (RFC 9110
 * §12.5.3): the coding with the highest q-value wins, ties go to the smaller body (br, then gzip,
 * then identity), `q=0` forbids a coding, `*` stands for every coding not named, and identity
 * comes last unless named. Without the header, or when no compressed coding is acceptable, the
 * body goes out uncompressed.
 */

export type Coding = 'br' | 'gzip' | 'identity';

/** Server preference for equal q-values: smallest body first. */
const PREFERENCE: readonly Coding[] = ['br', 'gzip', 'identity'];

export function chooseEncoding(header: string | undefined): Coding {
  if (!header || !header.trim()) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';');
    const raw = name!.trim().toLowerCase();
    if (!raw) continue;
    // "x-gzip" is an alias of gzip (RFC 9110 §8.4.1.3).
    const coding = raw === 'x-gzip' ? 'gzip' : raw;
    let weight = 1;
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k?.trim().toLowerCase() !== 'q') continue;
      const n = Number(v?.trim());
      weight = Number.isFinite(n) && n >= 0 && n <= 1 ? n : 0;
    }
    q.set(coding, Math.max(weight, q.get(coding) ?? 0));
  }
  const star = q.get('*');
  const weightOf = (c: Coding): number => {
    const named = q.get(c);
    if (named !== undefined) return named;
    if (star !== undefined) return star;
    // Unnamed identity is acceptable (unless "*;q=0") but ranks below every coding the client lists.
    return c === 'identity' ? Number.MIN_VALUE : 0;
  };
  let best: Coding = 'identity';
  let bestQ = 0;
  for (const c of PREFERENCE) {
    const w = weightOf(c);
    if (w > bestQ) {
      best = c;
      bestQ = w;
    }
  }
  return best;
}
