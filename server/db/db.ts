/**
 * The database seam: PostgreSQL through `pg` when DATABASE_URL is set, PGlite (PostgreSQL
 * compiled to WebAssembly, same SQL) otherwise. Everything else sees only `Db`.
 */
export interface Db {
  readonly kind: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs fn in one transaction; rolls back if it throws. */
  transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R>;
  close(): Promise<void>;
  /**
   * One connection of its own, kept until `release()`, for what lives in a session (advisory
   * locks). On PostgreSQL a pooled client taken out of the pool and closed on release, so the
   * session ends with it; on PGlite (one connection) the database's own connection.
   */
  hold?(): Promise<HeldConnection>;
}

export interface HeldConnection {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  release(): Promise<void>;
}
