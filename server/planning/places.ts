/**
 * Every distinct place of a planning week (homes, services, depots) with one travel matrix
 * over all of them, asked of the routing provider once per week. A day's instance takes the
 * sub-matrix of the places it uses, so the solver sees only what that day needs.
 */
import type { TravelMatrix } from '../../solver/index.ts';
import { placeKey } from '../contract/place-key.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import type { PlacePoint, PlanningData } from './planning-data.ts';
import { homeOf, type Lookup, servicePlace } from './week-trips.ts';

export type { PlacePoint } from './planning-data.ts';

export interface WeekMatrix {
  durationsS: number[][];
  distancesM: number[][];
}

/** Places within ~1 m are one place (their place key). */
export class PlaceIndex {
  readonly places: PlacePoint[] = [];
  private readonly byKey = new Map<string, number>();

  /** Index of the place, adding it when new. */
  add(p: PlacePoint): number {
    const k = placeKey(p);
    let i = this.byKey.get(k);
    if (i === undefined) {
      i = this.places.length;
      this.places.push({ lat: p.lat, lon: p.lon, label: p.label });
      this.byKey.set(k, i);
    }
    return i;
  }

  indexOf(p: { lat: number; lon: number }): number {
    const i = this.byKey.get(placeKey(p));
    if (i === undefined) throw new Error(`place ${placeKey(p)} was not registered for this week`);
    return i;
  }
}

/** The sub-matrix over `weekIdx` (a day's places, in the day's local order). */
export function subMatrix(week: WeekMatrix, weekIdx: number[]): TravelMatrix {
  const n = weekIdx.length;
  const durationS = new Float64Array(n * n);
  const distanceM = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const dRow = week.durationsS[weekIdx[i]];
    const mRow = week.distancesM[weekIdx[i]];
    for (let j = 0; j < n; j++) {
      durationS[i * n + j] = dRow[weekIdx[j]];
      distanceM[i * n + j] = mRow[weekIdx[j]];
    }
  }
  return { size: n, durationS, distanceM };
}

/** The routing provider's matrix over the index's places. */
export async function matrixOf(routing: RoutingProvider, places: PlaceIndex): Promise<WeekMatrix> {
  const m = await routing.matrix(places.places.map((p) => ({ lon: p.lon, lat: p.lat, label: p.label })));
  return { durationsS: m.durationsS, distancesM: m.distancesM };
}

/** Every passenger's home, every service and every depot of the data, with the week's matrix over them. */
export async function weekPlaces(
  data: PlanningData,
  lookup: Lookup,
  routing: RoutingProvider,
): Promise<{ places: PlaceIndex; matrix: WeekMatrix }> {
  const places = new PlaceIndex();
  for (const p of data.passengers) places.add(homeOf(p, lookup.households));
  for (const s of data.services) places.add(servicePlace(s));
  for (const v of data.vehicles) places.add({ lat: v.depot.lat, lon: v.depot.lon, label: v.depot.label });
  return { places, matrix: await matrixOf(routing, places) };
}
