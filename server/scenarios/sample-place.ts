/**
 * Synthetic addresses inside a real comune: a point drawn around the town centre (normal spread
 * scaled to the comune's size, so homes cluster where people live) and kept only if the ISTAT
 * boundary says it is inside that same comune (rejection sampling). Labels say "synthetic".
 * A comune of the 16 is checked with `locate` (a point on a shared border belongs to the first
 * comune listed); a comune of the province (ProvinceMunicipality) with its own boundary.
 */
import type { Place } from '../contract/domain.ts';
import { locate } from '../geo/locate.ts';
import type { MunicipalityArea } from '../geo/municipalities.ts';
import { insideComune, type ProvinceMunicipality } from '../geo/province-municipalities.ts';
import type { Rng } from './prng.ts';

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const KM_PER_DEG_LAT = 111.32;

/** A comune to draw in: one of the 16 (with its ambito) or one of the province's 135. */
export type SamplingArea = MunicipalityArea | ProvinceMunicipality;

const inside = (m: SamplingArea, lon: number, lat: number): boolean =>
  'ambito' in m ? locate(lon, lat)?.istatCode === m.istatCode : insideComune(m, lon, lat);

/** A point in `m`; `spread` scales the spread around the centre (1 = homes, smaller = central services). */
export function samplePointIn(m: SamplingArea, rng: Rng, spread = 1): { lat: number; lon: number } {
  const sigmaKm = 0.35 * Math.sqrt(m.areaKm2) * spread;
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((m.centre.lat * Math.PI) / 180);
  for (let attempt = 0; attempt < 500; attempt++) {
    const lat = round6(m.centre.lat + (rng.normal() * sigmaKm) / KM_PER_DEG_LAT);
    const lon = round6(m.centre.lon + (rng.normal() * sigmaKm) / kmPerDegLon);
    if (inside(m, lon, lat)) return { lat, lon };
  }
  // a centre close to a border with a wide spread: fall back to uniform draws in the bounding box
  const [minLon, minLat, maxLon, maxLat] = m.bbox;
  for (;;) {
    const lat = round6(minLat + rng.next() * (maxLat - minLat));
    const lon = round6(minLon + rng.next() * (maxLon - minLon));
    if (inside(m, lon, lat)) return { lat, lon };
  }
}

const STREETS = ['Via Demo', 'Via Esempio', 'Viale Prova', 'Via Fittizia', 'Piazza Campione', 'Via Modello'];

export function syntheticPlace(m: SamplingArea, rng: Rng, spread = 1, label?: string): Place {
  const point = samplePointIn(m, rng, spread);
  const address = label ?? `${rng.pick(STREETS)} ${rng.int(1, 120)}`;
  return { ...point, label: `${address}, ${m.name} (synthetic)`, istatCode: m.istatCode };
}
