/**
 * The embedded default when OSRM_URL is unset: travel times without a road network, so that
 * prontivia plans on a laptop. Road distance = great-circle distance × a detour factor; the
 * first `urbanM` metres of every trip (leaving and entering towns) run at the urban speed, the
 * rest at the extra-urban speed. That duration is concave in distance and zero at zero, hence
 * sub-additive: the triangle inequality of the distances carries over to the durations, and the
 * solver never finds a "shortcut" through an intermediate stop. Results are labelled "estimate";
 * shapes are straight segments flagged `estimated: true`.
 */
import { greatCircleM } from '../../contract/great-circle.ts';
import { checkPlace } from '../check-places.ts';
import type { LonLat, MatrixResult, RoutingProvider, ShapeResult, SnapResult } from '../provider.ts';

export interface EstimateSettings {
  detourFactor: number;
  urbanKmh: number;
  extraUrbanKmh: number;
  urbanM: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export class EstimateProvider implements RoutingProvider {
  readonly name = 'estimate' as const;

  constructor(private readonly settings: EstimateSettings) {}

  /** Estimated road distance and driving time between two places. */
  leg(a: LonLat, b: LonLat): { distanceM: number; durationS: number } {
    const { detourFactor, urbanKmh, extraUrbanKmh, urbanM } = this.settings;
    const distanceM = greatCircleM(a, b) * detourFactor;
    const urbanPartM = Math.min(distanceM, urbanM);
    const durationS = urbanPartM / (urbanKmh / 3.6) + (distanceM - urbanPartM) / (extraUrbanKmh / 3.6);
    return { distanceM: round1(distanceM), durationS: round1(durationS) };
  }

  async matrix(places: readonly LonLat[]): Promise<MatrixResult> {
    places.forEach(checkPlace);
    const durationsS = places.map(() => new Array<number>(places.length).fill(0));
    const distancesM = places.map(() => new Array<number>(places.length).fill(0));
    for (let i = 0; i < places.length; i++) {
      for (let j = i + 1; j < places.length; j++) {
        const { distanceM, durationS } = this.leg(places[i], places[j]);
        durationsS[i][j] = durationsS[j][i] = durationS;
        distancesM[i][j] = distancesM[j][i] = distanceM;
      }
    }
    return { provider: 'estimate', durationsS, distancesM, durationFactor: 1 };
  }

  async shape(places: readonly LonLat[]): Promise<ShapeResult> {
    places.forEach(checkPlace);
    let distanceM = 0;
    let durationS = 0;
    for (let i = 1; i < places.length; i++) {
      const leg = this.leg(places[i - 1], places[i]);
      distanceM += leg.distanceM;
      durationS += leg.durationS;
    }
    return {
      provider: 'estimate',
      coordinates: places.map((p) => [p.lon, p.lat]),
      estimated: true,
      distanceM: round1(distanceM),
      durationS: round1(durationS),
    };
  }

  async snap(place: LonLat): Promise<SnapResult> {
    checkPlace(place, 0);
    return { provider: 'estimate', lon: place.lon, lat: place.lat, distanceM: 0 };
  }
}
