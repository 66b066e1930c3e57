/**
 * What a plan run needs beyond the week's data, assembled in one place for both ways a week is
 * planned — one plan job (plan-solve-task.ts) and the week flow (week-flow-tasks.ts):
 * - the rules loaded from the database (`loadPlanRunRules`): the escorts and who travels only
 *   with one aboard, and the providers when any is restricted to comuni or services;
 * - the planner's input for a plan job (`planRunInput`): the stored week, the published plan a
 *   fresh solve re-plans around, the locks of a re-optimisation, the plan's id and version.
 * Either path attaches the providers' accreditation to the week's vehicles and explains the
 * trips no accredited van may carry (`withAccreditation`, `explainRun`); the escorts attach
 * through the escort planner (server/escorts/).
 */
import type { Plan } from '../contract/plan.ts';
import type { Provider } from '../contract/programme.ts';
import type { Escort } from '../contract/safeguarding.ts';
import type { Db } from '../db/db.ts';
import { allEntities, loadDomain } from '../entities/store.ts';
import type { EscortRules } from '../escorts/escort-rules.ts';
import { escortPlanning } from '../escorts/store.ts';
import { lockedOnly, locksOf } from '../plan-edit/locks.ts';
import type { PlanningData, PlanWeekInput } from '../planning/plan-week.ts';
import { copyVehicles } from '../planning/run-attributes.ts';
import { readPlan } from '../plan-store/plan-store.ts';
import { anyRestriction, attachAccreditation, explainAccreditationGaps } from '../providers/accreditation-planning.ts';

/** Minutes a locked request's pickup may move when the rest is re-optimised. */
export const LOCK_SHIFT_MIN = 2;

export interface PlanRunRules {
  /** Escorts and the rule of who travels only with one aboard (escortPlanning in server/escorts/store.ts). */
  escorts?: { list: Escort[]; rules: EscortRules };
  /** Providers restricted to comuni or services: their vans carry only the trips they are accredited for. */
  providers?: Provider[];
}

/** The escorts (when any is stored) and the providers (when any is restricted). */
export async function loadPlanRunRules(db: Db): Promise<PlanRunRules> {
  const rules: PlanRunRules = {};
  const escorts = await escortPlanning(db);
  if (escorts) rules.escorts = escorts;
  const providers = await allEntities<Provider>(db, 'provider');
  if (anyRestriction(providers)) rules.providers = providers;
  return rules;
}

export interface PlanRunRequest {
  kind: 'plan' | 'reoptimize';
  planId: string;
  week: string;
  baseVersion: number;
}

/**
 * The planner's input for a plan job: a fresh solve re-plans around the published times (stable
 * re-planning); a re-optimisation anchors only the locked requests, tightly, pins them to their
 * runs (hard locks) and leaves the rest free. `base` is the version the job starts from.
 */
export async function planRunInput(
  db: Db,
  r: PlanRunRequest,
): Promise<{ input: PlanWeekInput; base: Plan | undefined } & PlanRunRules> {
  const domain = await loadDomain(db);
  const base = r.baseVersion > 0 ? await readPlan(db, r.planId, r.baseVersion) : undefined;
  const previous: Plan | undefined =
    r.kind === 'reoptimize' && base ? lockedOnly(base) : await readPlan(db, r.planId, 'published');
  const input: PlanWeekInput = {
    data: domain,
    week: r.week,
    planId: r.planId,
    version: r.baseVersion + 1,
    ...(previous ? { previous } : {}),
    ...(r.kind === 'reoptimize' ? { maxShiftMin: LOCK_SHIFT_MIN } : {}),
    ...(r.kind === 'reoptimize' && base ? { locks: locksOf(base) } : {}),
  };
  return { input, base, ...(await loadPlanRunRules(db)) };
}

/**
 * The week's data with the providers' accreditation attached to copies of its vehicles (the
 * caller's records carry nothing); the data unchanged without restrictions.
 */
export function withAccreditation(data: PlanningData, rules: PlanRunRules): PlanningData {
  if (!rules.providers) return data;
  const accredited = { ...data, vehicles: copyVehicles(data.vehicles) };
  attachAccreditation({ data: accredited, providers: rules.providers });
  return accredited;
}

/** The planned week's unserved trips that no accredited van may carry, with that as their reason. */
export const explainRun = (plan: Plan, data: PlanningData, rules: PlanRunRules): Plan =>
  explainAccreditationGaps(plan, { data, providers: rules.providers ?? [] });
