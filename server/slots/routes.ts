/**
 * POST /api/slots/query and POST /api/slots/book: a family asks for its own household, a
 * coordinator on any family's behalf. Both answer against the week's published plan; a booking
 * stores the standing request with its promised windows and appends a published version with
 * the trips inserted, in one transaction, unless the published plan changed meanwhile (409).
 */
import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { RouterDeps } from '../app-deps.ts';
import type { User } from '../auth/context.ts';
import type { Plan } from '../contract/plan.ts';
import { fromIsoRome, isoWeekOf, toIsoRome } from '../domain/calendar.ts';
import { loadDomain, writeEntity } from '../entities/store.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import { audit } from '../audit/audit.ts';
import { locate } from '../geo/index.ts';
import { defineRoute } from '../http/define-route.ts';
import { appendVersionTx, conflict, listPlans, planIdOf, readPlan } from '../plan-store/plan-store.ts';
import type { PlanningData } from '../planning/plan-week.ts';
import { programmeGate } from '../programme/booking-gate.ts';
import { bookSlot } from './book-slot.ts';
import { querySlots } from './query-slots.ts';
import { buildSlotContext, type SlotContext } from './slot-context.ts';
import { type ParsedSlotQuery, slotsContract } from '../contract/slots.ts';

type Deps = RouterDeps;

/** A family may ask only for its own household's passengers (or a new one in its household). */
/** A new passenger's home must be inside the 16 comuni, as for a stored passenger. */
function homeInArea(q: ParsedSlotQuery, field: string): void {
  const home = q.passenger?.home;
  if (home && !locate(home.lon, home.lat))
    throw invalid(
      `${field}passenger.home`,
      `"${home.label}" at lat ${home.lat}, lon ${home.lon} is outside the 16 municipalities`,
      {
        lat: home.lat,
        lon: home.lon,
      },
    );
}

function scoped(user: User, q: ParsedSlotQuery, data: PlanningData, field = ''): ParsedSlotQuery {
  homeInArea(q, field);
  if (user.role !== 'family') return q;
  if (!user.householdId) throw new AppError('FORBIDDEN', 'this family account has no household');
  if (q.passenger) return { ...q, passenger: { ...q.passenger, householdId: user.householdId } };
  const p = data.passengers.find((x) => x.id === q.passengerId);
  if (!p) throw notFound('passenger', q.passengerId!);
  if (p.householdId !== user.householdId)
    throw new AppError('FORBIDDEN', `passenger ${q.passengerId} is not in your household`);
  return q;
}

/** The newest published plan of the week asked (or of any week when none is named). */
async function publishedPlan(deps: Deps, week: string | undefined): Promise<Plan> {
  if (week) {
    const plan = await readPlan(deps.db, planIdOf(week), 'published');
    if (!plan)
      throw new AppError(
        'NOT_FOUND',
        `week ${week} has no published plan yet: slots are offered against a published plan`,
      );
    return plan;
  }
  const weeks = (await listPlans(deps.db))
    .filter((p) => p.publishedVersion !== null)
    .sort((a, b) => b.week.localeCompare(a.week));
  const today = isoWeekOf(new Date(deps.clock.now()).toISOString().slice(0, 10));
  const pick = weeks.find((p) => p.week >= today) ?? weeks[0];
  if (!pick)
    throw new AppError('NOT_FOUND', 'no week has a published plan yet: slots are offered against a published plan');
  return (await readPlan(deps.db, pick.id, 'published'))!;
}

export function slotsRouter(deps: Deps): Router {
  const router = Router();
  const { routing } = deps;
  // One context per (published version, data): rebuilt after any booking, absence or edit.
  const contexts = new Map<string, Promise<SlotContext>>();
  const contextFor = async (plan: Plan, data: PlanningData): Promise<SlotContext> => {
    const key = `${plan.id}:${plan.version}:${createHash('sha1').update(JSON.stringify(data)).digest('hex')}`;
    let ctx = contexts.get(key);
    if (!ctx) {
      if (contexts.size >= 4) contexts.delete(contexts.keys().next().value!);
      ctx = buildSlotContext(plan, data, routing);
      contexts.set(key, ctx);
      ctx.catch(() => contexts.delete(key));
    }
    return ctx;
  };

  defineRoute(router, deps.registry, slotsContract.query, async ({ body, user }) => {
    const data = await loadDomain(deps.db);
    const q = scoped(user, body, data);
    const plan = await publishedPlan(deps, q.week);
    const answer = await querySlots(await contextFor(plan, data), q);
    await audit(deps.db, deps.clock, user, 'query', 'slots', q.passengerId ?? 'new-passenger', {
      details: { week: plan.week, serviceId: q.serviceId, weekdays: q.weekdays, workHours: q.workHours },
    });
    return { body: answer };
  });

  defineRoute(router, deps.registry, slotsContract.book, async ({ body, user }) => {
    const data = await loadDomain(deps.db);
    const input = { ...body, query: scoped(user, body.query, data, 'query.') };
    const plan = await publishedPlan(deps, input.query.week);
    const { date, secondsOfDay } = fromIsoRome(new Date(deps.clock.now()).toISOString());
    const booking = await bookSlot(await contextFor(plan, data), input, toIsoRome(date, secondsOfDay));
    const held = await programmeGate(deps.db, deps.clock.now(), user, input, plan, booking);
    if (held) {
      await audit(deps.db, deps.clock, user, 'book', 'booking_request', input.query.passengerId ?? '-', {
        details: { week: plan.week, held: true },
      });
      return { status: 202, body: held };
    }
    const saved = await deps.db.transaction(async (tx) => {
      const now = await readPlan(tx, plan.id, 'published');
      if (!now || now.version !== plan.version) throw conflict(plan.id, plan.version, now?.version ?? 0);
      await writeEntity(tx, 'request', booking.request);
      for (const r of booking.updatedRequests) await writeEntity(tx, 'request', r);
      for (const id of booking.removedRequestIds)
        await tx.query("DELETE FROM entities WHERE kind = 'request' AND id = $1", [id]);
      return appendVersionTx(tx, plan.id, {
        baseVersion: null,
        status: 'published',
        reason: 'booking',
        actor: user.username,
        plan: booking.plan,
      });
    });
    await audit(deps.db, deps.clock, user, 'book', 'request', booking.request.id, {
      details: { week: plan.week, passengerId: booking.request.passengerId, planVersion: saved.version },
    });
    return {
      status: 201,
      body: { request: booking.request, planId: saved.id, planVersion: saved.version, answer: booking.answer },
    };
  });
  return router;
}
