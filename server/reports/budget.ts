/**
 * Action A's budget per funding line: what delivered trips have spent (voucher share of the
 * cost), what the published plans commit from today (planned trips × tariff, not yet delivered),
 * what is left, the projection to the end of the period at the current weekly rate (the cost of
 * the current published week), and how many weeks of the current plan the remaining budget covers.
 */
import type { Plan } from '../contract/plan.ts';
import type { BudgetLine, FundingLine } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { addDays, isoWeekDates, isoWeekOf } from '../domain/calendar.ts';
import { listPlans, readPlan } from '../plan-store/plan-store.ts';
import { publishedTripsBetween } from '../programme/planned-trips.ts';
import { type ProgrammeData, loadProgrammeData, priceTrip, tripsOfPlan } from '../programme/programme-data.ts';
import { tripKeyOf } from '../contract/trip-key.ts';

/** Weeks of delivered trips averaged for the weekly rate when no plan is published. */
export const RATE_WEEKS = 4;

export async function budgetLines(db: Db): Promise<BudgetLine[]> {
  const { rows } = await db.query<{
    funding_line: FundingLine;
    amount_cents: string | number;
    period_from: string;
    period_to: string;
    note: string;
  }>('SELECT * FROM programme_budget ORDER BY funding_line', []);
  return rows.map((r) => ({
    fundingLine: r.funding_line,
    amountCents: Number(r.amount_cents),
    periodFrom: r.period_from,
    periodTo: r.period_to,
    note: r.note,
  }));
}

export async function putBudgetLine(db: Db, b: BudgetLine): Promise<BudgetLine> {
  await db.query(
    `INSERT INTO programme_budget (funding_line, amount_cents, period_from, period_to, note) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (funding_line) DO UPDATE SET amount_cents = EXCLUDED.amount_cents, period_from = EXCLUDED.period_from,
       period_to = EXCLUDED.period_to, note = EXCLUDED.note`,
    [b.fundingLine, b.amountCents, b.periodFrom, b.periodTo, b.note],
  );
  return b;
}

export interface PlanCost {
  week: string;
  version: number;
  status: string;
  trips: number;
  costCents: number;
  voucherCents: number;
  coPaymentCents: number;
  byFundingLine: Record<string, number>;
  byProvider: Record<string, number>;
}

/** What a version of a week's plan costs at the providers' tariffs, before or after publishing. */
export function planCost(data: ProgrammeData, plan: Plan): PlanCost {
  const dates = isoWeekDates(plan.week);
  const out: PlanCost = {
    week: plan.week,
    version: plan.version,
    status: plan.status,
    trips: 0,
    costCents: 0,
    voucherCents: 0,
    coPaymentCents: 0,
    byFundingLine: {},
    byProvider: {},
  };
  for (const t of tripsOfPlan(plan, dates[0]!, dates[6]!).map((x) => priceTrip(data, x))) {
    out.trips++;
    out.costCents += t.costCents;
    out.coPaymentCents += t.coPaymentCents;
    out.voucherCents += t.costCents - t.coPaymentCents;
    const line = t.fundingLine ?? 'ungranted';
    out.byFundingLine[line] = (out.byFundingLine[line] ?? 0) + t.costCents - t.coPaymentCents;
    if (t.providerId) out.byProvider[t.providerId] = (out.byProvider[t.providerId] ?? 0) + t.costCents;
  }
  return out;
}

export interface BudgetLineView extends BudgetLine {
  spentCents: number;
  committedCents: number;
  remainingCents: number;
  weeklyCents: number;
  projectedCents: number;
}

export interface BudgetView {
  today: string;
  lines: BudgetLineView[];
  total: Omit<BudgetLineView, 'fundingLine' | 'periodFrom' | 'periodTo' | 'note'>;
  /** The week whose published plan sets the weekly rate (the current or next published week). */
  rateWeek: string | null;
  /**
   * Where the weekly rate comes from: the published plan of `rateWeek` or, with no plan published
   * from this week on, the mean weekly spend of delivered trips over the RATE_WEEKS weeks before.
   */
  rateSource: 'published plan' | 'delivered trips' | null;
  /** Whole weeks of the current plan the remaining budget covers (null without a rate). */
  weeksCovered: number | null;
  /** The newest version of every week from the current one on, draft or published, with its cost. */
  plans: PlanCost[];
}

export async function budgetView(db: Db, today: string): Promise<BudgetView> {
  const data = await loadProgrammeData(db);
  const lines = await budgetLines(db);
  const thisWeek = isoWeekOf(today);
  const infos = await listPlans(db);
  const published = infos
    .filter((p) => p.publishedVersion !== null && p.week >= thisWeek)
    .sort((a, b) => a.week.localeCompare(b.week));
  const rateInfo = published[0];
  const ratePlan = rateInfo ? await readPlan(db, rateInfo.id, 'published') : undefined;
  const rate = ratePlan ? planCost(data, ratePlan) : undefined;
  const lastPublished = published.at(-1)?.week;
  const plans: PlanCost[] = [];
  for (const info of infos
    .filter((p) => p.week >= thisWeek && p.version > 0)
    .sort((a, b) => a.week.localeCompare(b.week))) {
    const plan = await readPlan(db, info.id, 'current');
    if (plan) plans.push(planCost(data, plan));
  }
  const recentRate = new Map<string, number>();
  if (!rate) {
    const monday = isoWeekDates(thisWeek)[0]!;
    const { rows } = await db.query<{ line: string; c: string | number }>(
      `SELECT funding_line AS line, coalesce(sum(cost_cents - co_payment_cents), 0) AS c FROM trip_outcomes
       WHERE status = 'delivered' AND funding_line IS NOT NULL AND date >= $1 AND date < $2 GROUP BY funding_line`,
      [addDays(monday, -7 * RATE_WEEKS), monday],
    );
    for (const r of rows) recentRate.set(r.line, Math.round(Number(r.c) / RATE_WEEKS));
  }
  const views: BudgetLineView[] = [];
  for (const b of lines) {
    const spent = await db.query<{ c: string | number }>(
      `SELECT coalesce(sum(cost_cents - co_payment_cents), 0) AS c FROM trip_outcomes
       WHERE status = 'delivered' AND funding_line = $1 AND date >= $2 AND date <= $3`,
      [b.fundingLine, b.periodFrom, b.periodTo],
    );
    const recorded = await db.query<{ k: string }>(
      "SELECT date || '|' || request_id || '|' || direction AS k FROM trip_outcomes WHERE date >= $1",
      [today],
    );
    const done = new Set(recorded.rows.map((r) => r.k));
    const start = today > b.periodFrom ? today : b.periodFrom;
    const committed =
      start <= b.periodTo
        ? (await publishedTripsBetween(db, data, start, b.periodTo))
            .filter((t) => t.fundingLine === b.fundingLine && !done.has(tripKeyOf(t)))
            .reduce((s, t) => s + t.costCents - t.coPaymentCents, 0)
        : 0;
    const weekly = rate ? (rate.byFundingLine[b.fundingLine] ?? 0) : (recentRate.get(b.fundingLine) ?? 0);
    const after = lastPublished ? addDays(isoWeekDates(lastPublished)[6]!, 1) : start;
    const weeksLeft =
      after <= b.periodTo ? Math.ceil((Date.parse(b.periodTo) - Date.parse(after) + 86_400_000) / (7 * 86_400_000)) : 0;
    const spentCents = Number(spent.rows[0]!.c);
    views.push({
      ...b,
      spentCents,
      committedCents: committed,
      remainingCents: b.amountCents - spentCents - committed,
      weeklyCents: weekly,
      projectedCents: spentCents + committed + weekly * weeksLeft,
    });
  }
  const sum = (k: keyof BudgetLineView) => views.reduce((s, v) => s + (v[k] as number), 0);
  const total = {
    amountCents: sum('amountCents'),
    spentCents: sum('spentCents'),
    committedCents: sum('committedCents'),
    remainingCents: sum('remainingCents'),
    weeklyCents: sum('weeklyCents'),
    projectedCents: sum('projectedCents'),
  };
  return {
    today,
    lines: views,
    total,
    rateWeek: rateInfo?.week ?? null,
    rateSource: rate ? 'published plan' : total.weeklyCents > 0 ? 'delivered trips' : null,
    weeksCovered: total.weeklyCents > 0 ? Math.max(0, Math.floor(total.remainingCents / total.weeklyCents)) : null,
    plans,
  };
}
