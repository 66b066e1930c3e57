/**
 * Action A's endpoints: settings, a household's enrolment and eligibility, voucher grants and
 * balances, booking requests and their approval, the budget, plan costs, each run's provider, a
 * provider's monthly statement, the monitoring report (JSON and CSV), and the family's own view
 * (eligibility, voucher, requests). Reads and changes of household data are audited.
 */
import { Router } from 'express';
import type { RouterDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import { EligibilitySchema, programmeContract as c } from '../contract/programme.ts';
import { AppError, invalid } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import { planIdOf, readPlan } from '../plan-store/plan-store.ts';
import { providerStatement } from '../providers/statement.ts';
import { runProviders } from '../providers/run-providers.ts';
import { budgetView, planCost, putBudgetLine } from '../reports/budget.ts';
import { monitoringCsv, monitoringReport } from '../reports/monitoring.ts';
import { romeToday } from '../contract/calendar.ts';
import { listGrants, saveGrant } from '../vouchers/grants.ts';
import { voucherBalance } from '../vouchers/balance.ts';
import { approveBookingRequest } from './approve.ts';
import { decideBookingRequest, listBookingRequests } from './booking-requests.ts';
import { eligibilityOf } from './eligibility.ts';
import { getEnrolment, putEnrolment } from './enrolments.ts';
import { loadProgrammeData } from './programme-data.ts';
import { getSettings, putSettings } from './settings.ts';

function ownHousehold(user: User, householdId: string): void {
  if (user.role === 'family' && user.householdId !== householdId)
    throw new AppError('FORBIDDEN', `household ${householdId} is not yours`);
}

export function programmeRouter(deps: RouterDeps): Router {
  const { db, clock, registry } = deps;
  const router = Router();
  const today = () => romeToday(clock.now());

  defineRoute(router, registry, c.settings, async () => ({ body: await getSettings(db) }));
  defineRoute(router, registry, c.putSettings, async ({ body, user }) => {
    const s = await putSettings(db, body);
    await audit(db, clock, user, 'update', 'programme_settings', 'programme');
    return { body: s };
  });

  defineRoute(router, registry, c.eligibility, async ({ params, user }) => {
    ownHousehold(user, params.id);
    const eligibility = await eligibilityOf(db, params.id, clock.now());
    await audit(db, clock, user, 'read', 'household_eligibility', params.id);
    return { body: { ...eligibility, enrolment: (await getEnrolment(db, params.id)) ?? null } };
  });
  defineRoute(router, registry, c.putEnrolment, async ({ params, body, user }) => {
    for (const [i, id] of body.employerIds.entries()) {
      const { rows } = await db.query("SELECT 1 FROM entities WHERE kind = 'organisation' AND id = $1", [id]);
      if (rows.length === 0) throw invalid(`employerIds.${i}`, `no organisation with id "${id}"`, id);
    }
    if (body.notOtherwiseSupported && !body.declaredOn)
      throw invalid('declaredOn', 'the self-declaration needs the date it was signed', undefined);
    if (body.declaredOn && body.declaredOn > today()) throw invalid('declaredOn', 'is in the future', body.declaredOn);
    const e = await putEnrolment(db, { ...body, householdId: params.id }, user.username, clock.now());
    await audit(db, clock, user, 'update', 'household_enrolment', params.id);
    return { body: e };
  });

  defineRoute(router, registry, c.grants, async ({ query, user }) => {
    await audit(db, clock, user, 'list', 'voucher_grant', query.householdId ?? '*');
    return { body: await listGrants(db, query.householdId) };
  });
  defineRoute(router, registry, c.createGrant, async ({ body, user }) => {
    const g = await saveGrant(db, body, false);
    await audit(db, clock, user, 'create', 'voucher_grant', g.id);
    return { status: 201, body: g };
  });
  defineRoute(router, registry, c.updateGrant, async ({ params, body, user }) => {
    if (params.id !== body.id) throw invalid('id', `the body's id differs from the URL's "${params.id}"`, body.id);
    const g = await saveGrant(db, body, true);
    await audit(db, clock, user, 'update', 'voucher_grant', g.id);
    return { body: g };
  });
  defineRoute(router, registry, c.voucher, async ({ params, user }) => {
    ownHousehold(user, params.id);
    await audit(db, clock, user, 'read', 'voucher', params.id);
    return { body: await voucherBalance(db, await loadProgrammeData(db), params.id, today()) };
  });

  defineRoute(router, registry, c.requests, async ({ query, user }) => {
    const list = await listBookingRequests(db, { status: query.status });
    const data = await loadProgrammeData(db);
    const items = [];
    for (const r of list) {
      const eligibility = await eligibilityOf(db, r.householdId, clock.now()).catch(() => null);
      const voucher = r.status === 'pending' ? await voucherBalance(db, data, r.householdId, today()) : null;
      items.push({ ...r, eligibility, voucher });
    }
    await audit(db, clock, user, 'list', 'booking_request', query.status ?? '*');
    return { body: { items } };
  });
  defineRoute(router, registry, c.approve, async ({ params, user }) => {
    const r = await approveBookingRequest(deps, params.id, user);
    await audit(db, clock, user, 'update', 'booking_request', params.id);
    return { body: r };
  });
  defineRoute(router, registry, c.refuse, async ({ params, body, user }) => {
    const r = await decideBookingRequest(
      db,
      params.id,
      { status: 'refused', reason: body.reason, by: user.username },
      clock.now(),
    );
    await audit(db, clock, user, 'update', 'booking_request', params.id);
    return { body: r };
  });

  defineRoute(router, registry, c.me, async ({ user }) => {
    if (!user.householdId) throw new AppError('FORBIDDEN', 'this family account has no household');
    const h = user.householdId;
    await audit(db, clock, user, 'read', 'voucher', h);
    return {
      body: {
        eligibility: EligibilitySchema.parse(await eligibilityOf(db, h, clock.now())),
        voucher: await voucherBalance(db, await loadProgrammeData(db), h, today()),
        requests: await listBookingRequests(db, { householdId: h }),
        settings: await getSettings(db),
      },
    };
  });

  defineRoute(router, registry, c.budget, async () => ({ body: await budgetView(db, today()) }));
  defineRoute(router, registry, c.putBudget, async ({ params, body, user }) => {
    if (body.periodTo < body.periodFrom)
      throw invalid('periodTo', `is before periodFrom ${body.periodFrom}`, body.periodTo);
    const b = await putBudgetLine(db, { ...body, fundingLine: params.fundingLine });
    await audit(db, clock, user, 'update', 'programme_budget', params.fundingLine);
    return { body: b };
  });

  defineRoute(router, registry, c.planCost, async ({ params, query }) => {
    const plan = await readPlan(db, planIdOf(params.week), query.version ?? 'current');
    if (!plan)
      throw new AppError(
        'NOT_FOUND',
        `week ${params.week} has no plan${query.version ? ` version ${query.version}` : ''}`,
      );
    return { body: planCost(await loadProgrammeData(db), plan) };
  });
  defineRoute(router, registry, c.planProviders, async ({ params }) => {
    const plan = await readPlan(db, planIdOf(params.week), 'current');
    if (!plan) throw new AppError('NOT_FOUND', `week ${params.week} has no plan`);
    return { body: runProviders(await loadProgrammeData(db), plan) };
  });
  defineRoute(router, registry, c.providerStatement, async ({ params, query, user }) => {
    const { rows } = await db.query("SELECT 1 FROM entities WHERE kind = 'provider' AND id = $1", [params.id]);
    if (rows.length === 0) throw new AppError('NOT_FOUND', `provider ${params.id} not found`);
    await audit(db, clock, user, 'read', 'provider_statement', `${params.id}/${query.month}`);
    return { body: await providerStatement(db, params.id, query.month) };
  });

  defineRoute(router, registry, c.monitoring, async ({ query, user }) => {
    const r = await monitoringReport(db, query);
    await audit(db, clock, user, 'read', 'monitoring_report', `${query.from}/${query.to}`);
    return { body: r };
  });
  defineRoute(router, registry, c.monitoringCsv, async ({ query, user }) => {
    const r = await monitoringReport(db, query);
    await audit(db, clock, user, 'export', 'monitoring_report', `${query.from}/${query.to}`);
    return {
      text: { contentType: 'text/csv; charset=utf-8', content: monitoringCsv(r) },
      headers: { 'Content-Disposition': `attachment; filename="monitoring-${query.from}-${query.to}.csv"` },
    };
  });

  return router;
}
