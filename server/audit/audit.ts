/**
 * The audit log: who read or changed personal data (passengers, households, standing requests,
 * driver runs, family data), what, and when. Written in the same database as the data itself.
 */
import type { User } from '../auth/context.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';

export type AuditAction =
  | 'read'
  | 'list'
  | 'create'
  | 'update'
  | 'delete'
  | 'import'
  | 'export'
  | 'event'
  | 'absence'
  // accounts: a password set (by a coordinator or by its owner), an account disabled or enabled
  | 'password'
  | 'disable'
  | 'enable'
  // sessions and planning (issue 13): logins with their outcome and source, logouts, plan work, slots
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'plan'
  | 'reoptimize'
  | 'publish'
  | 'query'
  | 'book';

/** Who acted: a user, or for a failed login the username that was tried (no account id). */
export interface AuditActor {
  id: string | null;
  username: string;
  role: string;
}

/** Where the request came from and what was asked (filters, search terms; never a password). */
export interface AuditExtra {
  source?: string;
  details?: Record<string, unknown>;
}

import type { AuditEntry } from '../contract/audit.ts';

export type { AuditEntry };

/**
 * A phone polling its run would write the same "read" row every few seconds; repeated identical
 * reads (same person, action, entity and id) within READ_COALESCE_MS are recorded once, at the
 * first read. Every change is always recorded.
 */
export const READ_COALESCE_MS = 60_000;
const recentReads = new WeakMap<Db, Map<string, number>>();

function alreadyRecorded(db: Db, key: string, nowMs: number): boolean {
  let seen = recentReads.get(db);
  if (!seen) recentReads.set(db, (seen = new Map()));
  const last = seen.get(key);
  if (last !== undefined && nowMs - last < READ_COALESCE_MS) return true;
  if (seen.size > 50_000) seen.clear();
  seen.set(key, nowMs);
  return false;
}

export async function audit(
  db: Db,
  clock: Clock,
  actor: User | AuditActor,
  action: AuditAction,
  entity: string,
  entityId: string,
  extra: AuditExtra = {},
): Promise<void> {
  const nowMs = clock.now().getTime();
  const asked = extra.details ? JSON.stringify(extra.details) : '';
  if (
    (action === 'read' || action === 'list') &&
    alreadyRecorded(db, `${actor.id}|${action}|${entity}|${entityId}|${asked}`, nowMs)
  )
    return;
  await db.query(
    `INSERT INTO audit_log (at, actor_id, actor_username, actor_role, action, entity, entity_id, source, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      clock.now().toISOString(),
      actor.id,
      actor.username,
      actor.role,
      action,
      entity,
      entityId,
      extra.source ?? null,
      asked || null,
    ],
  );
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  entity?: string;
  entityId?: string;
  actor?: string;
}

export async function listAudit(db: Db, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.entity) add('entity = ?', q.entity);
  if (q.entityId) add('entity_id = ?', q.entityId);
  if (q.actor) add('actor_username = ?', q.actor);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${w}`, params)).rows[0]!.n;
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM audit_log ${w} ORDER BY id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  const items = rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at as string).toISOString(),
    actorId: (r.actor_id as string | null) ?? null,
    actorUsername: r.actor_username as string,
    actorRole: r.actor_role as string,
    action: r.action as string,
    entity: r.entity as string,
    entityId: r.entity_id as string,
    source: (r.source as string | null | undefined) ?? null,
    details: parseDetails(r.details),
  }));
  return { items, total };
}

function parseDetails(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  return v as Record<string, unknown>;
}
