/**
 * The plan edits as use cases: each reads the version the coordinator saw, fails with 409
 * PLAN_CONFLICT if the plan moved on since, applies the change, and appends one new version.
 */
import type { Vehicle } from '../contract/domain.ts';
import type { Plan, Violation } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import { householdLookup } from '../plan-store/household-lookup.ts';
import { appendVersion, conflict, requirePlan, requirePlanInfo } from '../plan-store/plan-store.ts';
import { summarisePlan } from '../planning/summary.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import { buildDayCheck, dayViolations, retimedRoute } from './day-check.ts';
import { setLock } from './locks.ts';
import { moveTrip, type MoveInput } from './move.ts';

export interface EditDeps {
  db: Db;
  routing: RoutingProvider;
}

export async function vehiclesById(db: Db): Promise<Map<string, Vehicle>> {
  const { rows } = await db.query<{ id: string; data: Vehicle }>(
    "SELECT id, data FROM entities WHERE kind = 'vehicle'",
    [],
  );
  return new Map(rows.map((r) => [r.id, r.data]));
}

/** The plan at the version the caller read, or 409 when that is no longer the current one. */
export async function planAtVersion(db: Db, planId: string, version: number): Promise<Plan> {
  const info = await requirePlanInfo(db, planId);
  if (info.version !== version) throw conflict(planId, version, info.version);
  return requirePlan(db, planId, version);
}

export async function violationsOf(deps: EditDeps, plan: Plan, date?: string): Promise<Violation[]> {
  const vehicles = await vehiclesById(deps.db);
  const dates = date ? [date] : plan.days.map((d) => d.date);
  const out: Violation[] = [];
  for (const d of dates) out.push(...dayViolations(await buildDayCheck(plan, d, vehicles, deps.routing)));
  return out;
}

async function resummarise(db: Db, plan: Plan): Promise<Plan> {
  return { ...plan, summary: summarisePlan(plan, await householdLookup(db)) };
}

/** Recomputes the times of the routes listed per date from the solver's schedule of their order. */
export async function retimeRoutes(deps: EditDeps, plan: Plan, touched: Map<string, Set<string>>): Promise<Plan> {
  const vehicles = await vehiclesById(deps.db);
  const days = [];
  for (const day of plan.days) {
    const ids = touched.get(day.date);
    if (!ids || ids.size === 0) {
      days.push(day);
      continue;
    }
    const check = await buildDayCheck(plan, day.date, vehicles, deps.routing);
    days.push({ ...day, routes: check.routes.map((r, k) => (ids.has(r.route.id) ? retimedRoute(check, k) : r.route)) });
  }
  return resummarise(deps.db, { ...plan, days });
}

export async function applyMove(
  deps: EditDeps,
  planId: string,
  version: number,
  input: MoveInput,
  actor: string,
): Promise<{ plan: Plan; violations: Violation[] }> {
  const base = await planAtVersion(deps.db, planId, version);
  const { plan: moved, touchedRouteIds } = moveTrip(base, input);
  const edited = await retimeRoutes(deps, moved, new Map([[input.date, new Set(touchedRouteIds)]]));
  const saved = await appendVersion(deps.db, planId, {
    baseVersion: version,
    status: 'draft',
    reason: 'move',
    actor,
    plan: edited,
  });
  return { plan: saved, violations: await violationsOf(deps, saved, input.date) };
}

export async function applyLock(
  deps: EditDeps,
  planId: string,
  version: number,
  input: { date: string; requestId: string; locked: boolean },
  actor: string,
): Promise<Plan> {
  const base = await planAtVersion(deps.db, planId, version);
  return appendVersion(deps.db, planId, {
    baseVersion: version,
    status: 'draft',
    reason: 'lock',
    actor,
    plan: setLock(base, input.date, input.requestId, input.locked),
  });
}

/** Publishing copies the version read into a new, immutable published version. */
export async function publishPlan(deps: EditDeps, planId: string, version: number, actor: string): Promise<Plan> {
  const base = await planAtVersion(deps.db, planId, version);
  if (base.status === 'published')
    throw new AppError('CONFLICT', `plan ${planId} version ${version} is already published`);
  return appendVersion(deps.db, planId, {
    baseVersion: version,
    status: 'published',
    reason: 'publish',
    actor,
    plan: base,
  });
}
