/**
 * Road travel times, shapes and snapping from an OSRM v5/v6 server, through a small typed
 * client over fetch (the npm `osrm-client` speaks only the v4 `/viaroute` API; see
 * docs/routing.md). Three things OSRM does quietly are made loud here:
 *  - a place far from any road: OSRM answers "Ok" and snaps it kilometres away. Every request
 *    carries `radiuses` and every waypoint's snap distance is checked, so it is an error that
 *    names the place;
 *  - an unreachable pair: OSRM answers "Ok" with a null cell. It is an error naming the pair
 *    (and the place, when one place explains every null) — never a silent 0 or Infinity;
 *  - a table larger than `--max-table-size`: split into blocks (table-plan.ts) and merged.
 * Raw OSRM car times come out; the minibus and rush-hour factors are applied by the caller.
 */
import { AppError } from '../../errors/app-error.ts';
import { checkPlace } from '../check-places.ts';
import {
  describePlace,
  type LonLat,
  type MatrixResult,
  type RoutingProvider,
  type ShapeResult,
  type SnapResult,
} from '../provider.ts';
import { distinctPlaces, expandMatrix, type DistinctPlaces } from '../place-key.ts';
import { osrmGet, OsrmRefusal, ROUTING_RETRY_AFTER_S, type OsrmHttpSettings } from './osrm-http.ts';
import { NearestAnswerSchema, RouteAnswerSchema, TableAnswerSchema, type Waypoint } from './osrm-responses.ts';
import { decodePolyline } from './polyline.ts';
import { planTableRequests, type TableRequest } from './table-plan.ts';
import type { z } from 'zod';

export interface OsrmSettings extends OsrmHttpSettings {
  profile: string;
  maxTableSize: number;
  maxRouteSize: number;
  maxSnapM: number;
  /** When set, a table answer carrying another `data_version` is refused (it would poison the cache). */
  expectedDataVersion?: string;
  /** Table requests in flight at once. */
  concurrency?: number;
}

/** One computed cell: the trip from place `from` to place `to` (indices into the places given). */
export interface TableCell {
  from: number;
  to: number;
  durationS: number;
  distanceM: number;
}

/** What the matrix cache needs from OSRM: only the cells it is missing. */
export interface TableSource {
  tableCells(
    places: readonly LonLat[],
    pairs: readonly (readonly [number, number])[],
    refOf?: RefOf,
  ): Promise<TableCell[]>;
}

/** How an error names place `index` of a request: its description and its index in the caller's list. */
export interface PlaceRef {
  name: string;
  index: number;
}
export type RefOf = (index: number) => PlaceRef;

const refIn =
  (places: readonly LonLat[]): RefOf =>
  (i) => ({ name: describePlace(places[i], i), index: i });

/** Names distinct place d by the first of the caller's places it stands for. */
export const callerRefs =
  (places: readonly LonLat[], distinct: DistinctPlaces): RefOf =>
  (d) => ({ name: describePlace(places[distinct.first[d]], distinct.first[d]), index: distinct.first[d] });

export class OsrmProvider implements RoutingProvider, TableSource {
  readonly name = 'osrm' as const;

  constructor(private readonly settings: OsrmSettings) {}

  async matrix(places: readonly LonLat[]): Promise<MatrixResult> {
    places.forEach(checkPlace);
    const distinct = distinctPlaces(places);
    const n = distinct.places.length;
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs.push([i, j]);
    const cells = await this.tableCells(distinct.places, pairs, callerRefs(places, distinct));
    const durations = distinct.places.map(() => new Array<number>(n).fill(0));
    const distances = distinct.places.map(() => new Array<number>(n).fill(0));
    for (const c of cells) {
      durations[c.from][c.to] = c.durationS;
      distances[c.from][c.to] = c.distanceM;
    }
    return {
      provider: 'osrm',
      durationsS: expandMatrix(durations, distinct.indexOf),
      distancesM: expandMatrix(distances, distinct.indexOf),
      durationFactor: 1,
    };
  }

  async tableCells(
    places: readonly LonLat[],
    pairs: readonly (readonly [number, number])[],
    refOf: RefOf = refIn(places),
  ): Promise<TableCell[]> {
    const requests = planTableRequests(places.length, pairs, this.settings.maxTableSize);
    const results: TableCell[][] = [];
    const queue = [...requests.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        results[next[0]] = await this.tableBlock(places, next[1], refOf);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency ?? 4, requests.length) }, worker));
    const cells = results.flat();
    reportUnreachable(cells, refOf);
    return cells.filter((c) => Number.isFinite(c.durationS));
  }

  private async tableBlock(places: readonly LonLat[], request: TableRequest, refOf: RefOf): Promise<TableCell[]> {
    const same =
      request.sources.length === request.destinations.length &&
      request.sources.every((s, k) => s === request.destinations[k]);
    const coords = same
      ? request.sources
      : [...request.sources, ...request.destinations.filter((d) => !request.sources.includes(d))];
    const position = new Map(coords.map((p, k) => [p, k]));
    let query = `annotations=duration,distance&${this.radiuses(coords.length)}`;
    if (!same) {
      query += `&sources=${request.sources.map((s) => position.get(s)).join(';')}`;
      query += `&destinations=${request.destinations.map((d) => position.get(d)).join(';')}`;
    }
    const answer = await this.ask('table', coords, places, query, TableAnswerSchema, refOf);
    const { expectedDataVersion } = this.settings;
    if (expectedDataVersion && answer.data_version && answer.data_version !== expectedDataVersion) {
      throw new AppError(
        'ROUTING_UNAVAILABLE',
        `OSRM serves data version "${answer.data_version}" but OSRM_DATASET is "${expectedDataVersion}": ` +
          `set OSRM_DATASET to the data OSRM serves, so cached travel times are not mixed between data sets`,
        [],
        ROUTING_RETRY_AFTER_S,
      );
    }
    const rows = request.sources.length;
    const cols = request.destinations.length;
    const shapeOk =
      answer.durations.length === rows &&
      answer.distances.length === rows &&
      answer.durations.every((r) => r.length === cols) &&
      answer.distances.every((r) => r.length === cols) &&
      answer.sources.length === rows &&
      answer.destinations.length === cols;
    if (!shapeOk) {
      throw new AppError('ROUTING_FAILED', `OSRM table answer is not ${rows}×${cols} as asked`);
    }
    answer.sources.forEach((w, k) => this.checkSnap(w, request.sources[k], refOf));
    answer.destinations.forEach((w, k) => this.checkSnap(w, request.destinations[k], refOf));
    const cells: TableCell[] = [];
    request.sources.forEach((from, r) =>
      request.destinations.forEach((to, c) => {
        if (from === to) return;
        const durationS = answer.durations[r][c];
        const distanceM = answer.distances[r][c];
        cells.push({
          from,
          to,
          durationS: durationS ?? Number.POSITIVE_INFINITY,
          distanceM: distanceM ?? Number.POSITIVE_INFINITY,
        });
      }),
    );
    return cells;
  }

  async shape(places: readonly LonLat[]): Promise<ShapeResult> {
    places.forEach(checkPlace);
    const refOf = refIn(places);
    if (places.length < 2) {
      return {
        provider: 'osrm',
        coordinates: places.map((p) => [p.lon, p.lat]),
        estimated: false,
        distanceM: 0,
        durationS: 0,
      };
    }
    const coordinates: [number, number][] = [];
    let distanceM = 0;
    let durationS = 0;
    const step = this.settings.maxRouteSize - 1;
    for (let start = 0; start < places.length - 1; start += step) {
      const indices = Array.from({ length: Math.min(step + 1, places.length - start) }, (_, k) => start + k);
      const query = `overview=full&geometries=geojson&steps=false&${this.radiuses(indices.length)}`;
      const answer = await this.ask('route', indices, places, query, RouteAnswerSchema, refOf);
      answer.waypoints.forEach((w, k) => this.checkSnap(w, indices[k], refOf));
      const route = answer.routes[0];
      const line = typeof route.geometry === 'string' ? decodePolyline(route.geometry) : route.geometry.coordinates;
      coordinates.push(...(coordinates.length > 0 ? line.slice(1) : line));
      distanceM += route.distance;
      durationS += route.duration;
    }
    return { provider: 'osrm', coordinates, estimated: false, distanceM, durationS };
  }

  async snap(place: LonLat): Promise<SnapResult> {
    checkPlace(place, 0);
    const refOf: RefOf = () => ({ name: describePlace(place), index: 0 });
    const answer = await this.ask('nearest', [0], [place], `number=1&${this.radiuses(1)}`, NearestAnswerSchema, refOf);
    const w = answer.waypoints[0];
    this.checkSnap(w, 0, refOf);
    return { provider: 'osrm', lon: w.location[0], lat: w.location[1], distanceM: w.distance };
  }

  private radiuses(count: number): string {
    return `radiuses=${new Array(count).fill(this.settings.maxSnapM).join(';')}`;
  }

  /** Sends one request about `indices` of `places`; maps OSRM's refusals to errors naming places. */
  private async ask<S extends z.ZodType>(
    service: 'table' | 'route' | 'nearest',
    indices: readonly number[],
    places: readonly LonLat[],
    query: string,
    schema: S,
    refOf: RefOf,
  ): Promise<z.infer<S>> {
    const coords = indices.map((i) => `${places[i].lon},${places[i].lat}`).join(';');
    let body: unknown;
    try {
      body = await osrmGet(this.settings, `/${service}/v1/${this.settings.profile}/${coords}?${query}`);
    } catch (error) {
      if (error instanceof OsrmRefusal) throw this.refusalError(service, error, indices, refOf);
      throw error;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'ROUTING_FAILED',
        `OSRM ${service} answer is not what OSRM v5/v6 sends: ${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    return parsed.data;
  }

  private refusalError(service: string, refusal: OsrmRefusal, indices: readonly number[], refOf: RefOf): AppError {
    const at = /coordinate (\d+)/.exec(refusal.osrmMessage);
    if (refusal.osrmCode === 'NoSegment' && at && indices[Number(at[1])] !== undefined) {
      const index = indices[Number(at[1])];
      return farFromRoad(
        refOf(index),
        `more than ${this.settings.maxSnapM} m`,
        undefined,
        `${refusal.osrmCode}: ${refusal.osrmMessage}`,
      );
    }
    if (refusal.osrmCode === 'NoRoute') {
      return new AppError(
        'ROUTING_FAILED',
        `OSRM finds no road route between ${indices.map((i) => refOf(i).name).join(', ')} (${refusal.osrmMessage})`,
      );
    }
    return new AppError(
      'ROUTING_FAILED',
      `OSRM refused the ${service} request: ${refusal.osrmCode}: ${refusal.osrmMessage}`,
    );
  }

  private checkSnap(waypoint: Waypoint, index: number, refOf: RefOf): void {
    if (waypoint.distance > this.settings.maxSnapM) {
      throw farFromRoad(refOf(index), `${Math.round(waypoint.distance)} m`, waypoint.distance);
    }
  }
}

function farFromRoad(place: PlaceRef, howFar: string, distanceM?: number, osrmSays?: string): AppError {
  const because = osrmSays ? ` (OSRM: ${osrmSays})` : '';
  return new AppError(
    'ROUTING_FAILED',
    `${place.name} is ${howFar} from the nearest road OSRM knows${because}: check its coordinates (lon,lat order?) or move it to the road in front of it`,
    [{ path: `places.${place.index}`, message: 'too far from any road', value: distanceM }],
  );
}

/** Null cells: one error naming the pairs, and the place when a single place explains them all. */
function reportUnreachable(cells: readonly TableCell[], refOf: RefOf): void {
  const broken = cells.filter((c) => !Number.isFinite(c.durationS) || !Number.isFinite(c.distanceM));
  if (broken.length === 0) return;
  const common = [broken[0].from, broken[0].to].find((p) => broken.every((c) => c.from === p || c.to === p));
  const examples = broken
    .slice(0, 3)
    .map((c) => `from ${refOf(c.from).name} to ${refOf(c.to).name}`)
    .join('; ');
  const culprit =
    common === undefined
      ? ''
      : ` ${refOf(common).name} looks cut off from the road network (a private or pedestrian road, or outside the map): move it to a public road.`;
  throw new AppError(
    'ROUTING_FAILED',
    `OSRM finds no road route for ${broken.length} pair(s), e.g. ${examples}.${culprit}`,
    broken
      .slice(0, 20)
      .map((c) => ({ path: `places.${refOf(c.from).index}`, message: `no road route to places.${refOf(c.to).index}` })),
  );
}
