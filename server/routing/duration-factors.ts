/**
 * Travel times for a minibus with passengers, not a car: OSRM's car profile (and the estimate's
 * car speeds) are multiplied by the minibus factor, and, when the caller says when the trip
 * leaves, by the rush-hour factor of that moment. Applied on top of any provider, after the
 * cache, so changing a factor never needs a new OSRM request.
 */
import type { RushHour } from './config.ts';
import type { LonLat, MatrixOptions, MatrixResult, RoutingProvider, ShapeResult, SnapResult } from './provider.ts';

export interface DurationFactors {
  minibus: number;
  rushHours: readonly RushHour[];
}

const DAY_S = 86_400;

/** The factor for a trip leaving at `departureS` (seconds from midnight; undefined → no rush hour). */
export function durationFactorAt(factors: DurationFactors, departureS?: number): number {
  if (departureS === undefined) return factors.minibus;
  if (!Number.isFinite(departureS) || departureS < 0) {
    throw new RangeError(`departureS must be seconds from the start of the day, got ${departureS}`);
  }
  const t = departureS % DAY_S;
  const rush = factors.rushHours.find((w) => t >= w.fromS && t < w.toS);
  return factors.minibus * (rush?.factor ?? 1);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export class FactoredProvider implements RoutingProvider {
  readonly name: RoutingProvider['name'];

  constructor(
    private readonly inner: RoutingProvider,
    private readonly factors: DurationFactors,
  ) {
    this.name = inner.name;
  }

  async matrix(places: readonly LonLat[], options: MatrixOptions = {}): Promise<MatrixResult> {
    const factor = durationFactorAt(this.factors, options.departureS);
    const raw = await this.inner.matrix(places);
    return {
      ...raw,
      durationsS: raw.durationsS.map((row) => row.map((d) => round1(d * factor))),
      durationFactor: factor,
    };
  }

  async shape(places: readonly LonLat[]): Promise<ShapeResult> {
    const raw = await this.inner.shape(places);
    return { ...raw, durationS: round1(raw.durationS * this.factors.minibus) };
  }

  snap(place: LonLat): Promise<SnapResult> {
    return this.inner.snap(place);
  }
}
