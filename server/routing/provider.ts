/**
 * The routing seam: everything that needs road travel times, route shapes or a snapped place
 * asks a `RoutingProvider`, never OSRM or the estimate directly (VROOM keeps its routing
 * engines behind one small matrix interface in the same way). Every result names the provider
 * that made it, so a plan, an API response and a map can say "estimated" honestly.
 */
import { placeKey } from '../contract/place-key.ts';

export type ProviderName = 'osrm' | 'estimate';

/** A place to route. `label` (an address, "home of P12") is used only to name it in errors. */
export interface LonLat {
  lon: number;
  lat: number;
  label?: string;
}

export interface MatrixOptions {
  /**
   * Departure time in seconds from the start of the day (local time). When given, the
   * time-of-day (rush hour) factor for that moment is applied to every duration.
   */
  departureS?: number;
}

/**
 * Row i, column j is the trip from place i to place j. Asymmetric: [i][j] and [j][i] may
 * differ (one-way streets, turn restrictions). Durations already include the minibus factor
 * and, when a departure time was given, the rush-hour factor.
 */
export interface MatrixResult {
  provider: ProviderName;
  durationsS: number[][];
  distancesM: number[][];
  /** The duration factor that was applied (minibus × time of day), 1 when none. */
  durationFactor: number;
}

/** The road shape of an ordered list of places, as [lon, lat] pairs for GeoJSON and Leaflet. */
export interface ShapeResult {
  provider: ProviderName;
  coordinates: [number, number][];
  /** true when the shape is straight segments between the places, not a road geometry. */
  estimated: boolean;
  distanceM: number;
  durationS: number;
}

export interface SnapResult {
  provider: ProviderName;
  lon: number;
  lat: number;
  /** How far the place is from the road point it was snapped to. */
  distanceM: number;
}

export interface RoutingProvider {
  readonly name: ProviderName;
  matrix(places: readonly LonLat[], options?: MatrixOptions): Promise<MatrixResult>;
  shape(places: readonly LonLat[]): Promise<ShapeResult>;
  snap(place: LonLat): Promise<SnapResult>;
}

/** "place 3 (Via Roma 3, Castellanza) at 8.89612,45.61234" — how errors name a place. */
export function describePlace(place: LonLat, index?: number): string {
  const which = index === undefined ? 'place' : `place ${index}`;
  return place.label ? `${which} (${place.label}) at ${placeKey(place)}` : `${which} at ${placeKey(place)}`;
}
