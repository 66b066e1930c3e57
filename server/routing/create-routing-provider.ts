/**
 * Picks the routing provider from the configuration: OSRM behind the database matrix cache
 * (and recent shapes remembered in memory) when OSRM_URL is set, the estimate otherwise; both
 * under the minibus and rush-hour factors. Without a database (the CLI), OSRM is asked directly.
 */
import type { Db } from '../db/db.ts';
import type { RoutingConfig } from './config.ts';
import { FactoredProvider } from './duration-factors.ts';
import { EstimateProvider } from './estimate/estimate-provider.ts';
import { CachedMatrixProvider, MatrixCache } from './matrix-cache.ts';
import { OsrmProvider } from './osrm/osrm-provider.ts';
import type { RoutingProvider } from './provider.ts';
import { ShapeMemo } from './shape-memo.ts';

export function createRoutingProvider(config: RoutingConfig, db?: Db): RoutingProvider {
  const factors = { minibus: config.ROUTING_DURATION_FACTOR, rushHours: config.ROUTING_RUSH_HOURS };
  if (!config.OSRM_URL) {
    const estimate = new EstimateProvider({
      detourFactor: config.ESTIMATE_DETOUR_FACTOR,
      urbanKmh: config.ESTIMATE_URBAN_KMH,
      extraUrbanKmh: config.ESTIMATE_EXTRAURBAN_KMH,
      urbanM: config.ESTIMATE_URBAN_M,
    });
    return new FactoredProvider(estimate, factors);
  }
  const osrm = new OsrmProvider({
    baseUrl: config.OSRM_URL,
    profile: config.OSRM_PROFILE,
    timeoutMs: config.OSRM_TIMEOUT_MS,
    retries: config.OSRM_RETRIES,
    retryBaseMs: config.OSRM_RETRY_BASE_MS,
    maxTableSize: config.OSRM_MAX_TABLE_SIZE,
    maxRouteSize: config.OSRM_MAX_ROUTE_SIZE,
    maxSnapM: config.OSRM_MAX_SNAP_M,
    expectedDataVersion: config.OSRM_DATASET,
  });
  if (!db) return new FactoredProvider(osrm, factors);
  const cache = new MatrixCache(db, config.OSRM_DATASET ?? `url:${config.OSRM_URL}`);
  return new FactoredProvider(new ShapeMemo(new CachedMatrixProvider(osrm, cache)), factors);
}
