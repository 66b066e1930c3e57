/**
 * The distinct places of a matrix request, by place key (server/contract/place-key.ts: 5
 * decimals, about 1 m): the key of the matrix cache, and the way duplicate places (two children
 * from the same home) are asked once.
 */
import { PLACE_KEY_DECIMALS, placeKey } from '../contract/place-key.ts';
import type { LonLat } from './provider.ts';

export interface DistinctPlaces {
  /** One place per key, with rounded coordinates and the first label seen. */
  places: LonLat[];
  keys: string[];
  /** indexOf[i] = index in `places` of the i-th input place. */
  indexOf: number[];
  /** first[d] = index of the first input place with key d (how errors name it). */
  first: number[];
}

export function distinctPlaces(input: readonly LonLat[]): DistinctPlaces {
  const byKey = new Map<string, number>();
  const places: LonLat[] = [];
  const keys: string[] = [];
  const first: number[] = [];
  const indexOf = input.map((p, i) => {
    const key = placeKey(p);
    let at = byKey.get(key);
    if (at === undefined) {
      at = places.length;
      byKey.set(key, at);
      keys.push(key);
      first.push(i);
      places.push({
        lon: Number(p.lon.toFixed(PLACE_KEY_DECIMALS)),
        lat: Number(p.lat.toFixed(PLACE_KEY_DECIMALS)),
        label: p.label,
      });
    }
    return at;
  });
  return { places, keys, indexOf, first };
}

/** Expands a matrix over distinct places back to the caller's places (duplicates included). */
export function expandMatrix(distinct: number[][], indexOf: readonly number[]): number[][] {
  return indexOf.map((i) => indexOf.map((j) => (i === j ? 0 : distinct[i][j])));
}
