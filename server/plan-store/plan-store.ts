/**
 * Persistence of plans: one plan per ISO week, and an append-only list of versions. The
 * current version is the newest; the published one is the newest with status "published".
 * Every write appends in one transaction under a lock on the plan row, after checking the
 * version the writer started from (the 409 PLAN_CONFLICT check).
 */
import { PlanSchema, type Plan } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors/app-error.ts';

export type VersionReason = 'solve' | 'reoptimize' | 'move' | 'lock' | 'publish' | 'absence' | 'booking';

export interface PlanInfo {
  id: string;
  week: string;
  /** Newest version, 0 while the first solve has not finished. */
  version: number;
  status: 'draft' | 'published' | null;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string | null;
}

export const planIdOf = (week: string): string => `plan-${week}`;

/** Creates the week's plan row if needed; returns its id. */
export async function ensurePlan(db: Db, week: string): Promise<string> {
  const id = planIdOf(week);
  await db.query('INSERT INTO plans (id, week) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, week]);
  return id;
}

const INFO_SQL = `
  SELECT p.id, p.week, p.created_at,
         COALESCE(cur.version, 0) AS version, cur.status, cur.created_at AS updated_at,
         (SELECT max(version) FROM plan_versions v WHERE v.plan_id = p.id AND v.status = 'published') AS published_version
  FROM plans p
  LEFT JOIN LATERAL (SELECT version, status, created_at FROM plan_versions v WHERE v.plan_id = p.id ORDER BY version DESC LIMIT 1) cur ON true`;

interface InfoRow {
  id: string;
  week: string;
  created_at: Date | string;
  version: number;
  status: 'draft' | 'published' | null;
  updated_at: Date | string | null;
  published_version: number | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toInfo(r: InfoRow): PlanInfo {
  return {
    id: r.id,
    week: r.week,
    version: Number(r.version),
    status: r.status,
    publishedVersion: r.published_version === null ? null : Number(r.published_version),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at),
  };
}

export async function planInfo(db: Db, planId: string): Promise<PlanInfo | undefined> {
  const { rows } = await db.query<InfoRow>(`${INFO_SQL} WHERE p.id = $1`, [planId]);
  return rows[0] ? toInfo(rows[0]) : undefined;
}

export async function requirePlanInfo(db: Db, planId: string): Promise<PlanInfo> {
  const info = await planInfo(db, planId);
  if (!info) throw notFound('plan', planId);
  return info;
}

export async function listPlans(db: Db, filter: { week?: string } = {}): Promise<PlanInfo[]> {
  const { rows } = filter.week
    ? await db.query<InfoRow>(`${INFO_SQL} WHERE p.week = $1 ORDER BY p.week DESC`, [filter.week])
    : await db.query<InfoRow>(`${INFO_SQL} ORDER BY p.week DESC`, []);
  return rows.map(toInfo);
}

/** One version of a plan (the newest when `version` is omitted, the newest published with 'published'). */
export async function readPlan(
  db: Db,
  planId: string,
  which: number | 'current' | 'published' = 'current',
): Promise<Plan | undefined> {
  const { rows } =
    which === 'current'
      ? await db.query<{ body: Plan }>(
          'SELECT body FROM plan_versions WHERE plan_id = $1 ORDER BY version DESC LIMIT 1',
          [planId],
        )
      : which === 'published'
        ? await db.query<{ body: Plan }>(
            "SELECT body FROM plan_versions WHERE plan_id = $1 AND status = 'published' ORDER BY version DESC LIMIT 1",
            [planId],
          )
        : await db.query<{ body: Plan }>('SELECT body FROM plan_versions WHERE plan_id = $1 AND version = $2', [
            planId,
            which,
          ]);
  return rows[0]?.body;
}

/**
 * The number of the version `which` names, without reading its body (a week's plan is large):
 * undefined when the plan has no such version. Versions never change once written, so the
 * number is enough to key a cached answer.
 */
export async function resolveVersion(
  db: Db,
  planId: string,
  which: number | 'current' | 'published' = 'current',
): Promise<number | undefined> {
  const { rows } =
    which === 'current'
      ? await db.query<{ v: number | null }>('SELECT max(version) AS v FROM plan_versions WHERE plan_id = $1', [planId])
      : which === 'published'
        ? await db.query<{ v: number | null }>(
            "SELECT max(version) AS v FROM plan_versions WHERE plan_id = $1 AND status = 'published'",
            [planId],
          )
        : await db.query<{ v: number | null }>(
            'SELECT version AS v FROM plan_versions WHERE plan_id = $1 AND version = $2',
            [planId, which],
          );
  const v = rows[0]?.v;
  return v === null || v === undefined ? undefined : Number(v);
}

export async function requirePlan(
  db: Db,
  planId: string,
  which: number | 'current' | 'published' = 'current',
): Promise<Plan> {
  const plan = await readPlan(db, planId, which);
  if (plan) return plan;
  const info = await requirePlanInfo(db, planId);
  if (which === 'published') throw new AppError('NOT_FOUND', `plan ${planId} has no published version yet`);
  if (info.version === 0)
    throw new AppError('NOT_FOUND', `plan ${planId} has no version yet: its first solve has not finished`);
  throw new AppError('NOT_FOUND', `plan ${planId} has no version ${which}`);
}

export interface AppendInput {
  /** The version the writer read; null to append whatever the current version is (absences). */
  baseVersion: number | null;
  status: 'draft' | 'published';
  reason: VersionReason;
  jobId?: string;
  actor?: string;
  /** The new body; id, version and status are set here. */
  plan: Plan;
}

export function conflict(planId: string, expected: number, actual: number): AppError {
  return new AppError(
    'PLAN_CONFLICT',
    `plan ${planId} is at version ${actual}, not ${expected}: someone changed it since you read it; reload and apply your change again`,
    [{ path: 'version', message: `the current version is ${actual}`, value: expected }],
  );
}

/**
 * Appends a version atomically. Must run inside `db.transaction` (it locks the plan row).
 * Throws PLAN_CONFLICT when the current version is not `baseVersion`.
 */
export async function appendVersionTx(tx: Db, planId: string, input: AppendInput): Promise<Plan> {
  const locked = await tx.query<{ id: string }>('SELECT id FROM plans WHERE id = $1 FOR UPDATE', [planId]);
  if (locked.rows.length === 0) throw notFound('plan', planId);
  const { rows } = await tx.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM plan_versions WHERE plan_id = $1',
    [planId],
  );
  const current = Number(rows[0]?.v ?? 0);
  if (input.baseVersion !== null && input.baseVersion !== current) throw conflict(planId, input.baseVersion, current);
  const version = current + 1;
  const body = PlanSchema.parse({ ...input.plan, id: planId, version, status: input.status });
  await tx.query(
    'INSERT INTO plan_versions (plan_id, version, status, reason, job_id, created_by, body) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [planId, version, input.status, input.reason, input.jobId ?? null, input.actor ?? null, JSON.stringify(body)],
  );
  return body;
}

export function appendVersion(db: Db, planId: string, input: AppendInput): Promise<Plan> {
  return db.transaction((tx) => appendVersionTx(tx, planId, input));
}

/** The version a job wrote, if it already did (a retried job must not write twice). */
export async function versionWrittenBy(db: Db, jobId: string): Promise<number | undefined> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM plan_versions WHERE job_id = $1', [jobId]);
  return rows[0] ? Number(rows[0].version) : undefined;
}
