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
}
