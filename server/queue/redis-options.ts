/**
 * Turns REDIS_URL into the connection options BullMQ hands to ioredis, and names the Redis
 * keys the queue adds beside BullMQ's own (cancellation markers).
 */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
}

export function redisOptions(redisUrl: string): RedisConnectionOptions {
  let u: URL;
  try {
    u = new URL(redisUrl);
  } catch {
    throw new Error(`REDIS_URL=${JSON.stringify(redisUrl)}: not a URL (expected redis://host:port/db)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL=${JSON.stringify(redisUrl)}: the scheme must be redis: or rediss:`);
  }
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !Number.isInteger(db))
    throw new Error(`REDIS_URL=${JSON.stringify(redisUrl)}: the database must be a number`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

export const DEFAULT_PREFIX = 'prontivia';

/** Marker set by `cancel()`; read by every consumer before and while it runs the job. */
export const cancelKey = (prefix: string, queueName: string, jobId: string): string =>
  `${prefix}:${queueName}:cancel:${jobId}`;
