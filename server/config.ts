/**
 * Configuration: one zod schema over process.env, parsed once at start-up.
 * A bad value stops the process with a message naming the variable and the value,
 * instead of failing later in the middle of a request.
 */
import { z } from 'zod';
import { envIssueLines } from './env-issues.ts';
import { routingConfigShape } from './routing/config.ts';

const optionalUrl = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .pipe(z.url().optional())
  .optional();

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** PostgreSQL connection string; unset → embedded PGlite in DATA_DIR/pglite. */
  DATABASE_URL: optionalUrl,
  /** Redis for BullMQ; unset → in-process queue. */
  REDIS_URL: optionalUrl,
  /**
   * POST /api/plans plans the week through the week flow (server/queue/plan-via-flow.ts): its
   * master week, (date, part)s and repair run on every worker at once. Needs REDIS_URL.
   */
  PLAN_FLOW: flag,
  DATA_DIR: z.string().min(1).default('./data'),
  /** Key of the HMAC under which session tokens are stored; changing it ends every session. */
  SESSION_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** Set when served behind https: session cookies get the Secure flag. */
  COOKIE_SECURE: flag,
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /**
   * Which proxies' X-Forwarded-For is believed for the client address (rate limits, audit):
   * "false" (default: none, the socket address counts), "loopback", a hop count such as "1", or
   * a comma-separated list of addresses/CIDRs — Express's trust proxy setting.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v): boolean | number | string => {
      if (v === '' || v === 'false' || v === 'none') return false;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      return v;
    })
    .refine((v) => v !== 'true', 'trust every proxy ("true") would let any client choose its address'),
  /** Login attempts allowed per IP+username per minute. */
  LOGIN_RATE_PER_MIN: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failed login attempts allowed per source address per minute, whatever the usernames tried. */
  LOGIN_RATE_PER_SOURCE_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(20),
  /** A session unused this many minutes has ended (the driver's phone polls, so it stays alive while open). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** When true, logging in ends the account's other sessions (one device at a time). */
  LOGIN_ENDS_OTHER_SESSIONS: flag,
  /** Seed demo accounts and the demo week on an empty embedded database (default: when DATABASE_URL is unset). */
  SEED_DEMO: z.enum(['true', 'false', 'auto']).default('auto'),
  /** Directory of the built web front end served at /. */
  WEB_DIST: z.string().default('dist/web'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** OSRM_URL and the other routing variables: see server/routing/config.ts and docs/routing.md. */
  ...routingConfigShape,
});

export type Config = z.infer<typeof ConfigSchema> & { sessionSecret: string };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws ConfigError listing every bad variable with its value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration:\n${envIssueLines(parsed.error, env)}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new ConfigError('invalid configuration:\n  SESSION_SECRET="": required when NODE_ENV=production');
  }
  if (c.PLAN_FLOW && !c.REDIS_URL) {
    throw new ConfigError(
      `invalid configuration:\n  PLAN_FLOW=${JSON.stringify(env.PLAN_FLOW)}: needs REDIS_URL (the week flow runs on BullMQ workers; the in-process queue plans a week as one job)`,
    );
  }
  return { ...c, sessionSecret: c.SESSION_SECRET ?? 'prontivia-development-secret-not-for-production' };
}
