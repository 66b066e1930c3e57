/**
 * OSRM matrices cached in the database, one row per ordered pair of places, keyed by the OSRM
 * data set and the rounded coordinates (migration 200-routing-cache.sql). Re-planning an
 * unchanged week reads every cell from the cache and asks OSRM nothing; adding a home asks
 * OSRM only for that home's row and column. Per pair rather than per place-set, so that weeks
 * that share most places share their cells.
 */
import type { Db } from '../db/db.ts';
import { checkPlace } from './check-places.ts';
import { callerRefs, type TableCell, type TableSource } from './osrm/osrm-provider.ts';
import { distinctPlaces, expandMatrix } from './place-key.ts';
import type { LonLat, MatrixResult, RoutingProvider, ShapeResult, SnapResult } from './provider.ts';

const WRITE_BATCH = 5000;

interface CellRow {
  from_key: string;
  to_key: string;
  duration_s: number;
  distance_m: number;
}

export class MatrixCache {
  constructor(
    private readonly db: Db,
    readonly dataset: string,
  ) {}

  /** Every cached cell between the given keys. */
  async lookup(keys: readonly string[]): Promise<CellRow[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.db.query<CellRow>(
      `SELECT from_key, to_key, duration_s, distance_m FROM routing_matrix_cell
        WHERE dataset = $1 AND from_key = ANY($2::text[]) AND to_key = ANY($2::text[])`,
      [this.dataset, keys],
    );
    return rows;
  }

  async store(
    cells: readonly { fromKey: string; toKey: string; durationS: number; distanceM: number }[],
  ): Promise<void> {
    for (let i = 0; i < cells.length; i += WRITE_BATCH) {
      const batch = cells.slice(i, i + WRITE_BATCH);
      await this.db.query(
        `INSERT INTO routing_matrix_cell (dataset, from_key, to_key, duration_s, distance_m)
         SELECT $1, f, t, d, m FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[]) AS u(f, t, d, m)
         ON CONFLICT (dataset, from_key, to_key)
         DO UPDATE SET duration_s = EXCLUDED.duration_s, distance_m = EXCLUDED.distance_m, created_at = now()`,
        [
          this.dataset,
          batch.map((c) => c.fromKey),
          batch.map((c) => c.toKey),
          batch.map((c) => c.durationS),
          batch.map((c) => c.distanceM),
        ],
      );
    }
  }
}

/** An OSRM provider whose matrices go through the cache; shapes and snapping pass straight through. */
export class CachedMatrixProvider implements RoutingProvider {
  readonly name: RoutingProvider['name'];

  constructor(
    private readonly inner: RoutingProvider & TableSource,
    private readonly cache: MatrixCache,
  ) {
    this.name = inner.name;
  }

  async matrix(places: readonly LonLat[]): Promise<MatrixResult> {
    places.forEach(checkPlace);
    const distinct = distinctPlaces(places);
    const n = distinct.places.length;
    const at = new Map(distinct.keys.map((k, i) => [k, i]));
    const durations = distinct.places.map(() => new Array<number>(n).fill(Number.NaN));
    const distances = distinct.places.map(() => new Array<number>(n).fill(Number.NaN));
    for (const row of await this.cache.lookup(distinct.keys)) {
      const i = at.get(row.from_key);
      const j = at.get(row.to_key);
      if (i === undefined || j === undefined) continue;
      durations[i][j] = row.duration_s;
      distances[i][j] = row.distance_m;
    }
    const missing: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      durations[i][i] = distances[i][i] = 0;
      for (let j = 0; j < n; j++) if (i !== j && Number.isNaN(durations[i][j])) missing.push([i, j]);
    }
    if (missing.length > 0) {
      const cells: TableCell[] = await this.inner.tableCells(distinct.places, missing, callerRefs(places, distinct));
      for (const c of cells) {
        durations[c.from][c.to] = c.durationS;
        distances[c.from][c.to] = c.distanceM;
      }
      await this.cache.store(
        cells.map((c) => ({
          fromKey: distinct.keys[c.from],
          toKey: distinct.keys[c.to],
          durationS: c.durationS,
          distanceM: c.distanceM,
        })),
      );
    }
    return {
      provider: this.inner.name,
      durationsS: expandMatrix(durations, distinct.indexOf),
      distancesM: expandMatrix(distances, distinct.indexOf),
      durationFactor: 1,
    };
  }

  shape(places: readonly LonLat[]): Promise<ShapeResult> {
    return this.inner.shape(places);
  }

  snap(place: LonLat): Promise<SnapResult> {
    return this.inner.snap(place);
  }
}
