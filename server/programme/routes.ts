/**
 * Action A's endpoints: settings, a household's enrolment and eligibility, voucher grants and
 * balances, booking requests and their approval, the budget, plan costs, each run's provider, a
 * provider's monthly statement, the monitoring report (JSON and CSV), and the family's own view
 * (eligibility, voucher, requests). Reads and changes of household data are audited.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { RouterDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import { DateSchema, IdSchema, IsoWeekSchema } from '../contract/domain.ts';
import {
  BookingRequestSchema,
  BudgetLineSchema,
  EligibilitySchema,
  EnrolmentInputSchema,
  FundingLineSchema,
  GrantInputSchema,
  GrantSchema,
  ProgrammeSettingsSchema,
  VoucherBalanceSchema,
} from '../contract/programme.ts';
import { AppError, invalid } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import { planIdOf, readPlan } from '../plan-store/plan-store.ts';
import { providerStatement } from '../providers/statement.ts';
import { runProviders } from '../providers/run-providers.ts';
import { budgetView, planCost, putBudgetLine } from '../reports/budget.ts';
import { monitoringCsv, monitoringReport } from '../reports/monitoring.ts';
import { romeDate } from '../seed/shift-week.ts';
import { listGrants, saveGrant } from '../vouchers/grants.ts';
import { voucherBalance } from '../vouchers/balance.ts';
import { approveBookingRequest } from './approve.ts';
import { decideBookingRequest, listBookingRequests } from './booking-requests.ts';
import { eligibilityOf } from './eligibility.ts';
import { getEnrolment, putEnrolment } from './enrolments.ts';
import { loadProgrammeData } from './programme-data.ts';
import { getSettings, putSettings } from './settings.ts';

const Any = z.unknown();
const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const RangeSchema = z.object({ from: DateSchema, to: DateSchema, comune: z.string().max(60).optional() });

function ownHousehold(user: User, householdId: string): void {
  if (user.role === 'family' && user.householdId !== householdId)
    throw new AppError('FORBIDDEN', `household ${householdId} is not yours`);
}

export function programmeRouter(deps: RouterDeps): Router {
  const { db, clock, registry } = deps;
  const router = Router();
  const today = () => romeDate(clock.now());
  const P = '/api/programme';

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/settings',
    summary: "Action A's settings: off, approval (a family's booking waits for the coordinator) or auto",
    tag: 'programme',
    roles: ['coordinator'],
    responses: { 200: { description: 'the settings', schema: ProgrammeSettingsSchema } },
    handler: async () => ({ body: await getSettings(db) }),
  });
  defineRoute(router, registry, P, {
    method: 'put',
    path: '/settings',
    summary: "Change Action A's settings",
    tag: 'programme',
    roles: ['coordinator'],
    body: ProgrammeSettingsSchema,
    responses: { 200: { description: 'the settings', schema: ProgrammeSettingsSchema } },
    handler: async ({ body, user }) => {
      const s = await putSettings(db, body);
      await audit(db, clock, user, 'update', 'programme_settings', 'programme');
      return { body: s };
    },
  });

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/households/:id/eligibility',
    summary: 'Whether a household is eligible for Action A, on what grounds or why not (computed now)',
    tag: 'programme',
    roles: ['coordinator', 'family'],
    params: z.object({ id: IdSchema }),
    responses: { 200: { description: 'eligibility and enrolment', schema: Any } },
    handler: async ({ params, user }) => {
      ownHousehold(user, params.id);
      const eligibility = await eligibilityOf(db, params.id, clock.now());
      await audit(db, clock, user, 'read', 'household_eligibility', params.id);
      return { body: { ...eligibility, enrolment: (await getEnrolment(db, params.id)) ?? null } };
    },
  });
  defineRoute(router, registry, P, {
    method: 'put',
    path: '/households/:id/enrolment',
    summary:
      "Record a household's employers (alliance members), its self-declaration with its date, co-payment band and exception",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    body: EnrolmentInputSchema,
    responses: { 200: { description: 'the enrolment', schema: Any }, 400: { description: 'a field is wrong' } },
    handler: async ({ params, body, user }) => {
      for (const [i, id] of body.employerIds.entries()) {
        const { rows } = await db.query("SELECT 1 FROM entities WHERE kind = 'organisation' AND id = $1", [id]);
        if (rows.length === 0) throw invalid(`employerIds.${i}`, `no organisation with id "${id}"`, id);
      }
      if (body.notOtherwiseSupported && !body.declaredOn)
        throw invalid('declaredOn', 'the self-declaration needs the date it was signed', undefined);
      if (body.declaredOn && body.declaredOn > today())
        throw invalid('declaredOn', 'is in the future', body.declaredOn);
      const e = await putEnrolment(db, { ...body, householdId: params.id }, user.username, clock.now());
      await audit(db, clock, user, 'update', 'household_enrolment', params.id);
      return { body: e };
    },
  });

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/grants',
    summary: 'Voucher grants, all or of one household',
    tag: 'programme',
    roles: ['coordinator'],
    query: z.object({ householdId: IdSchema.optional() }),
    responses: { 200: { description: 'the grants', schema: z.array(GrantSchema) } },
    handler: async ({ query, user }) => {
      await audit(db, clock, user, 'list', 'voucher_grant', query.householdId ?? '*');
      return { body: await listGrants(db, query.householdId) };
    },
  });
  for (const method of ['post', 'put'] as const) {
    defineRoute(router, registry, P, {
      method,
      path: method === 'post' ? '/grants' : '/grants/:id',
      summary: method === 'post' ? 'Grant a voucher to a household' : 'Change a voucher grant',
      tag: 'programme',
      roles: ['coordinator'],
      params: method === 'post' ? z.object({}) : z.object({ id: IdSchema }),
      body: GrantInputSchema,
      responses: {
        [method === 'post' ? 201 : 200]: { description: 'the grant', schema: GrantSchema },
        400: {
          description: 'a field is wrong (negative amount, overlapping period, unknown household): nothing changed',
        },
      },
      handler: async ({ params, body, user }) => {
        const id = (params as { id?: string }).id;
        if (id !== undefined && id !== body.id)
          throw invalid('id', `the body's id differs from the URL's "${id}"`, body.id);
        const g = await saveGrant(db, body, method === 'put');
        await audit(db, clock, user, method === 'post' ? 'create' : 'update', 'voucher_grant', g.id);
        return { status: method === 'post' ? 201 : 200, body: g };
      },
    });
  }
  defineRoute(router, registry, P, {
    method: 'get',
    path: '/households/:id/voucher',
    summary: "A household's voucher: granted, spent on delivered trips, committed by published plans, remaining",
    tag: 'programme',
    roles: ['coordinator', 'family'],
    params: z.object({ id: IdSchema }),
    responses: { 200: { description: 'the balance', schema: VoucherBalanceSchema } },
    handler: async ({ params, user }) => {
      ownHousehold(user, params.id);
      await audit(db, clock, user, 'read', 'voucher', params.id);
      return { body: await voucherBalance(db, await loadProgrammeData(db), params.id, today()) };
    },
  });

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/requests',
    summary: 'Booking requests (pending first), each with eligibility, voucher balance and the slot offered',
    tag: 'programme',
    roles: ['coordinator'],
    query: z.object({ status: z.enum(['pending', 'approved', 'refused']).optional() }),
    responses: { 200: { description: 'the requests', schema: Any } },
    handler: async ({ query, user }) => {
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
    },
  });
  defineRoute(router, registry, P, {
    method: 'post',
    path: '/requests/:id/approve',
    summary: 'Approve a pending booking request: its trips enter the published plan with their promised windows',
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    responses: {
      200: { description: 'approved', schema: BookingRequestSchema },
      409: { description: 'already decided, the slot no longer fits, or the voucher no longer covers it' },
    },
    handler: async ({ params, user }) => {
      const r = await approveBookingRequest(deps, params.id, user);
      await audit(db, clock, user, 'update', 'booking_request', params.id);
      return { body: r };
    },
  });
  defineRoute(router, registry, P, {
    method: 'post',
    path: '/requests/:id/refuse',
    summary: 'Refuse a pending booking request with a reason the family sees; the plan is not touched',
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    body: z.object({ reason: z.string().trim().min(3).max(500) }),
    responses: { 200: { description: 'refused', schema: BookingRequestSchema } },
    handler: async ({ params, body, user }) => {
      const r = await decideBookingRequest(
        db,
        params.id,
        { status: 'refused', reason: body.reason, by: user.username },
        clock.now(),
      );
      await audit(db, clock, user, 'update', 'booking_request', params.id);
      return { body: r };
    },
  });

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/me',
    summary: "The family's own Action A view: eligibility, voucher balance, booking requests and their state",
    tag: 'programme',
    roles: ['family'],
    responses: { 200: { description: 'eligibility, voucher and requests', schema: Any } },
    handler: async ({ user }) => {
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
    },
  });

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/budget',
    summary:
      'Budget per funding line: spent, committed by published plans, remaining, projected; weeks of the current plan it covers',
    tag: 'programme',
    roles: ['coordinator'],
    responses: { 200: { description: 'the budget view', schema: Any } },
    handler: async () => ({ body: await budgetView(db, today()) }),
  });
  defineRoute(router, registry, P, {
    method: 'put',
    path: '/budget/:fundingLine',
    summary: "Set Action A's budget of a funding line",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ fundingLine: FundingLineSchema }),
    body: BudgetLineSchema.omit({ fundingLine: true }),
    responses: { 200: { description: 'the line', schema: BudgetLineSchema } },
    handler: async ({ params, body, user }) => {
      if (body.periodTo < body.periodFrom)
        throw invalid('periodTo', `is before periodFrom ${body.periodFrom}`, body.periodTo);
      const b = await putBudgetLine(db, { ...body, fundingLine: params.fundingLine });
      await audit(db, clock, user, 'update', 'programme_budget', params.fundingLine);
      return { body: b };
    },
  });

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/plans/:week/cost',
    summary: "A week's plan cost at the providers' tariffs (newest version, draft or published, or ?version=N)",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ week: IsoWeekSchema }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    responses: { 200: { description: 'the cost', schema: Any } },
    handler: async ({ params, query }) => {
      const plan = await readPlan(db, planIdOf(params.week), query.version ?? 'current');
      if (!plan)
        throw new AppError(
          'NOT_FOUND',
          `week ${params.week} has no plan${query.version ? ` version ${query.version}` : ''}`,
        );
      return { body: planCost(await loadProgrammeData(db), plan) };
    },
  });
  defineRoute(router, registry, P, {
    method: 'get',
    path: '/plans/:week/providers',
    summary: "Each run's provider in a week's plan, and trips outside a provider's comuni or services",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ week: IsoWeekSchema }),
    responses: { 200: { description: 'runs with their provider', schema: Any } },
    handler: async ({ params }) => {
      const plan = await readPlan(db, planIdOf(params.week), 'current');
      if (!plan) throw new AppError('NOT_FOUND', `week ${params.week} has no plan`);
      return { body: runProviders(await loadProgrammeData(db), plan) };
    },
  });
  defineRoute(router, registry, P, {
    method: 'get',
    path: '/providers/:id/statement',
    summary: "A provider's monthly statement: delivered trips and amounts (what the Ambito pays), no-shows",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    query: z.object({ month: MonthSchema }),
    responses: { 200: { description: 'the statement', schema: Any } },
    handler: async ({ params, query, user }) => {
      const { rows } = await db.query("SELECT 1 FROM entities WHERE kind = 'provider' AND id = $1", [params.id]);
      if (rows.length === 0) throw new AppError('NOT_FOUND', `provider ${params.id} not found`);
      await audit(db, clock, user, 'read', 'provider_statement', `${params.id}/${query.month}`);
      return { body: await providerStatement(db, params.id, query.month) };
    },
  });

  defineRoute(router, registry, '/api/reports', {
    method: 'get',
    path: '/monitoring',
    summary:
      'Monitoring report: per comune × month, per comune, Ambito, month and total — people, trips, km, hours, €, conciliation hours',
    tag: 'programme',
    roles: ['coordinator'],
    query: RangeSchema,
    responses: { 200: { description: 'the report', schema: Any }, 400: { description: 'bad dates or unknown comune' } },
    handler: async ({ query, user }) => {
      const r = await monitoringReport(db, query);
      await audit(db, clock, user, 'read', 'monitoring_report', `${query.from}/${query.to}`);
      return { body: r };
    },
  });
  defineRoute(router, registry, '/api/reports', {
    method: 'get',
    path: '/monitoring.csv',
    summary: 'The monitoring report as CSV: a header, one row per comune × month',
    tag: 'programme',
    roles: ['coordinator'],
    query: RangeSchema,
    responses: { 200: { description: 'text/csv' } },
    handler: async ({ query, user }) => {
      const r = await monitoringReport(db, query);
      await audit(db, clock, user, 'export', 'monitoring_report', `${query.from}/${query.to}`);
      return {
        text: { contentType: 'text/csv; charset=utf-8', content: monitoringCsv(r) },
        headers: { 'Content-Disposition': `attachment; filename="monitoring-${query.from}-${query.to}.csv"` },
      };
    },
  });

  return router;
}
