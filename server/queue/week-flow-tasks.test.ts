/**
 * The week flow's steps (week-flow-tasks.ts) run in-process, in the order the flow's jobs run
 * them (master, each date's morning then afternoon, repair, assembly), every result through JSON
 * as it would pass through Redis: a week submitted with escorts is planned under the same rules
 * as by the single plan job (server/escorts/escort-planner.ts). With a 7-hour escort the children
 * ride only on her runs, she never rides more than her week (each date gets its share of it, as
 * the drivers' hours are split), and the children left without her are ESCORT_MISSING; the
 * independent checker finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../test/helpers/plan-checker.ts';
import type { Escort } from '../contract/safeguarding.ts';
import { type EscortRules, needsEscortAboard } from '../escorts/escort-rules.ts';
import { tinyWeek } from '../planning/testing/tiny-week.ts';
import type { PartOutcome } from '../planning/week-split.ts';
import { EstimateProvider } from '../routing/estimate/estimate-provider.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import type { ThreadContext } from './thread-task.ts';
import {
  assembleTask,
  datesTask,
  type FlowWeek,
  masterTask,
  partTask,
  type RepairOutcome,
  repairTask,
  type WeekOutcome,
} from './week-flow-tasks.ts';

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
const ctx: ThreadContext = {
  signal: new AbortController().signal,
  onProgress: () => undefined,
  call: (_service, method, args) =>
    (routing[method as keyof RoutingProvider] as (...a: unknown[]) => Promise<unknown>).apply(routing, args),
};
const viaRedis = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

async function planAsFlow(week: FlowWeek): Promise<WeekOutcome> {
  const w = viaRedis(week);
  const master = viaRedis(await masterTask(w, ctx));
  const outcomes: PartOutcome[] = [];
  for (const date of await datesTask(w, ctx)) {
    const am = viaRedis(await partTask({ week: w, master, date, part: 'am' }, ctx));
    const pm = viaRedis(await partTask({ week: w, master, date, part: 'pm', morning: am }, ctx));
    outcomes.push(...[am, pm].filter((o): o is PartOutcome => o !== null));
  }
  const repaired: RepairOutcome = viaRedis(await repairTask({ week: w, master, outcomes }, ctx));
  return assembleTask({ week: w, master, outcomes: repaired.outcomes }, ctx);
}

const morning = { from: '07:00', to: '10:30' };
const elisa: Escort = {
  id: 'esc-elisa',
  name: 'Elisa',
  phone: '',
  qualifications: ['first aid'],
  shifts: { mon: morning, tue: morning, thu: morning, fri: morning },
  maxHoursPerWeek: 7,
};
const rules: EscortRules = { assistanceFlag: true, ageGroups: ['child'] };
const CHILDREN = ['p1', 'p2', 'p3'];

describe('the week flow plans with the run of the plan job', () => {
  it('a 7-hour escort: children ride only with her, never beyond her week; the others are ESCORT_MISSING; the checker finds nothing', {
    timeout: 30_000,
  }, async () => {
    const data = tinyWeek();
    const out = await planAsFlow({
      data,
      week: data.week,
      seed: 1,
      timeLimitMs: 10_000,
      maxIterationsPerDay: 200,
      routingName: routing.name,
      planId: 'plan-flow-escorts',
      version: 3,
      escorts: { list: [elisa], rules },
    });
    const { plan } = out;
    expect(out.violations).toEqual([]);
    expect(plan).toMatchObject({ id: 'plan-flow-escorts', version: 3 });
    const routes = plan.days.flatMap((d) => d.routes);
    const childRoutes = routes.filter((r) =>
      r.stops.some((s) => s.boards.some((b) => CHILDREN.includes(b.passengerId))),
    );
    for (const r of childRoutes) expect(r.escortId).toBe('esc-elisa');
    const ridden = routes.filter((r) => r.escortId === 'esc-elisa' && r.stops.length > 0);
    const hours = ridden.reduce((s, r) => s + (Date.parse(r.return) - Date.parse(r.departure)) / 3_600_000, 0);
    expect(ridden.length).toBeGreaterThan(0);
    expect(hours).toBeLessThanOrEqual(7);
    const missing = plan.unserved.filter((u) => u.reason === 'ESCORT_MISSING');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((u) => CHILDREN.includes(u.passengerId))).toBe(true);
    // Every child trip is served on her run or reported ESCORT_MISSING (none for another reason).
    expect(plan.unserved.filter((u) => CHILDREN.includes(u.passengerId) && u.reason !== 'ESCORT_MISSING')).toEqual([]);
    // Franco (no escort needed) is served every day, as without escorts.
    expect(plan.unserved.filter((u) => u.passengerId === 'p4')).toEqual([]);
    const checked = {
      ...data,
      escorts: {
        list: [elisa],
        needsEscortAboard: (p: (typeof data.passengers)[number], date: string) => needsEscortAboard(p, rules, date),
      },
    };
    expect(checkPlan(plan, checked)).toEqual([]);
  });

  it('a week re-planned around its published plan (the previous plan of a plan job) plans clean, every published pickup within 15 minutes', {
    timeout: 30_000,
  }, async () => {
    const data = tinyWeek();
    const week: FlowWeek = {
      data,
      week: data.week,
      seed: 1,
      timeLimitMs: 10_000,
      maxIterationsPerDay: 200,
      routingName: routing.name,
    };
    const first = await planAsFlow(week);
    const again = await planAsFlow({ ...week, seed: 2, previous: first.plan });
    expect(again.violations).toEqual([]);
    expect(checkPlan(again.plan, data)).toEqual([]);
    expect(again.plan.unserved.length).toBeLessThanOrEqual(first.plan.unserved.length);
    // Every pickup that was published moves by at most the default 15 minutes.
    const pickups = (p: typeof first.plan) =>
      new Map(
        p.days.flatMap((d) =>
          d.routes.flatMap((r) =>
            r.stops.flatMap((s) =>
              s.boards.map((b) => [`${d.date} ${b.requestId} ${b.direction}`, Date.parse(s.arrival)] as const),
            ),
          ),
        ),
      );
    const before = pickups(first.plan);
    expect(before.size).toBeGreaterThan(0);
    const moved = [...pickups(again.plan)].filter(
      ([k, at]) => before.has(k) && Math.abs(at - before.get(k)!) > 15 * 60_000,
    );
    expect(moved).toEqual([]);
  });
});
