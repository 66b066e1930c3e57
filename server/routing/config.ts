/**
 * The routing part of the configuration: a zod fragment over the environment that
 * server/config.ts includes (`ConfigSchema.extend(routingConfigShape)`), and that the
 * travel-times CLI parses on its own. Every default is documented in docs/routing.md.
 */
import { z } from 'zod';
import { envIssueLines } from '../env-issues.ts';

/** Empty environment variables count as unset (docker-compose writes `OSRM_URL=` for "none"). */
const unsetIfEmpty = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const positive = (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().positive().default(fallback));
const count = (fallback: number, min: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).default(fallback));

export interface RushHour {
  fromS: number;
  toS: number;
  factor: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const toSeconds = (hhmm: string): number => {
  const m = HH_MM.exec(hhmm);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 : Number.NaN;
};

/** "07:30-09:00=1.2,17:00-18:30=1.15" → sorted, non-overlapping windows; "" or "none" → none. */
export const RushHoursSchema = z.string().transform((text, ctx): RushHour[] => {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return [];
  const windows: RushHour[] = [];
  for (const part of trimmed.split(',')) {
    const m = /^\s*(\d\d:\d\d)-(\d\d:\d\d)=(\d+(?:\.\d+)?)\s*$/.exec(part);
    const fromS = m ? toSeconds(m[1]) : Number.NaN;
    const toS = m ? toSeconds(m[2]) : Number.NaN;
    const factor = m ? Number(m[3]) : Number.NaN;
    if (!m || Number.isNaN(fromS) || Number.isNaN(toS)) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not HH:MM-HH:MM=factor (e.g. 07:30-09:00=1.2)` });
      return z.NEVER;
    }
    if (toS <= fromS) {
      ctx.addIssue({ code: 'custom', message: `"${part}" ends before it starts` });
      return z.NEVER;
    }
    if (factor < 1 || factor > 3) {
      ctx.addIssue({ code: 'custom', message: `"${part}": the factor must be between 1 and 3` });
      return z.NEVER;
    }
    windows.push({ fromS, toS, factor });
  }
  windows.sort((a, b) => a.fromS - b.fromS);
  for (let i = 1; i < windows.length; i++) {
    if (windows[i].fromS < windows[i - 1].toS) {
      ctx.addIssue({ code: 'custom', message: 'rush-hour windows overlap' });
      return z.NEVER;
    }
  }
  return windows;
});

export const DEFAULT_RUSH_HOURS = '07:30-09:00=1.2,17:00-18:30=1.15';

export const routingConfigShape = {
  /** OSRM base URL, e.g. http://osrm:5000; unset → the estimated provider. */
  OSRM_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional()),
  /** The profile segment of OSRM URLs; osrm-routed serves one profile whatever the name. */
  OSRM_PROFILE: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[a-z0-9_-]+$/)
      .default('driving'),
  ),
  /**
   * Identity of the OSRM data set, part of the matrix cache key: change it whenever the OSRM
   * data is rebuilt. Unset → the OSRM_URL stands for the data set.
   */
  OSRM_DATASET: z.preprocess(unsetIfEmpty, z.string().max(200).optional()),
  /** The server's `osrm-routed --max-table-size` (sources × destinations ≤ size²). */
  OSRM_MAX_TABLE_SIZE: count(100, 2),
  /** The server's `osrm-routed --max-viaroute-size`: most places in one /route request. */
  OSRM_MAX_ROUTE_SIZE: count(500, 2),
  OSRM_TIMEOUT_MS: count(10_000, 1),
  /** Retries after the first attempt, on network errors, timeouts and 5xx answers. */
  OSRM_RETRIES: count(2, 0),
  /** First backoff delay; doubles on each retry. */
  OSRM_RETRY_BASE_MS: count(250, 0),
  /** A place farther than this from any road is an error naming the place. */
  OSRM_MAX_SNAP_M: positive(500),
  /** Minibus with passengers vs OSRM's car profile (and the estimate's car speeds). */
  ROUTING_DURATION_FACTOR: z.preprocess(unsetIfEmpty, z.coerce.number().min(0.5).max(3).default(1.15)),
  /** Time-of-day factors on top of the minibus factor: "HH:MM-HH:MM=factor,…", "none" for none. */
  ROUTING_RUSH_HOURS: z.preprocess(unsetIfEmpty, RushHoursSchema.default(RushHoursSchema.parse(DEFAULT_RUSH_HOURS))),
  /** Road distance ÷ great-circle distance for the estimate. */
  ESTIMATE_DETOUR_FACTOR: z.preprocess(unsetIfEmpty, z.coerce.number().min(1).max(3).default(1.3)),
  /** Speed over the first ESTIMATE_URBAN_M metres of each trip (leaving and entering towns). */
  ESTIMATE_URBAN_KMH: positive(25),
  /** Speed over the rest of the trip (provincial roads, SS33, A8). */
  ESTIMATE_EXTRAURBAN_KMH: positive(60),
  ESTIMATE_URBAN_M: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).default(3000)),
};

export const RoutingConfigSchema = z.object(routingConfigShape);
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;

/** Parses the routing variables alone (for the CLI and tests); the message names variable and value. */
export function parseRoutingConfig(env: Record<string, string | undefined>): RoutingConfig {
  const parsed = RoutingConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new Error(`invalid routing configuration:\n${envIssueLines(parsed.error, env)}`);
}
