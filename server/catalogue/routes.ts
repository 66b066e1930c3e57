/**
 * The families' self-service endpoints (catalogue, bookings, schedules, absence ranges, why a trip
 * is not there, the calendar feed) and the coordinator's closures of many services and the flags
 * families' schedule changes raise. Thin handlers over self-service.ts and ical/feed.ts; every
 * read of personal data and every change is audited.
 */
import { Router } from 'express';
import type { RouterDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import type { Service } from '../contract/domain.ts';
import { familiesContract as c } from '../contract/families.ts';
import type { Db } from '../db/db.ts';
import { romeToday } from '../contract/calendar.ts';
import { addDays } from '../domain/calendar.ts';
import { getEntity, writeEntity } from '../entities/store.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import { reportAbsence } from '../family/absences.ts';
import { catalogueGate } from '../programme/booking-gate.ts';
import { defineRoute } from '../http/define-route.ts';
import { feedDates, householdCalendar, householdOfToken, issueFeedToken, revokeFeedToken } from '../ical/feed.ts';
import {
  cancelBooking,
  catalogue,
  draftBooking,
  familyRequests,
  householdOf,
  notTravelling,
  ownPassenger,
  passengersOf,
  saveSchedules,
  storeRequest,
} from './self-service.ts';

function householdIdOf(user: User): string {
  if (!user.householdId) throw new AppError('FORBIDDEN', `account ${user.username} is not linked to a household`);
  return user.householdId;
}

const MAX_ABSENCE_DAYS = 92;

async function closeServices(db: Db, ids: string[], dates: string[], note: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [i, id] of ids.entries()) {
      const s = await getEntity<Service>(tx, 'service', id);
      if (!s) throw invalid(`serviceIds.${i}`, `no service with id "${id}"`, id);
      const kept = (s.dateHours ?? []).filter((d) => !dates.includes(d.date));
      await writeEntity(tx, 'service', {
        ...s,
        dateHours: [...kept, ...dates.map((date) => ({ date, hours: null, note }))].sort((a, b) =>
          a.date.localeCompare(b.date),
        ),
      });
    }
  });
}

export function familiesRouter(deps: RouterDeps): Router {
  const { db, clock, registry } = deps;
  const router = Router();
  const today = () => romeToday(clock.now());

  defineRoute(router, registry, c.catalogue, async ({ query, user }) => {
    const household = await householdOf(db, householdIdOf(user));
    await audit(db, clock, user, 'read', 'catalogue', household.id);
    return { body: await catalogue(db, household, query.kind, query.istatCode) };
  });

  defineRoute(router, registry, c.requests, async ({ user }) => {
    const householdId = householdIdOf(user);
    await audit(db, clock, user, 'read', 'family_requests', householdId);
    return { body: await familyRequests(db, householdId, today()) };
  });

  defineRoute(router, registry, c.book, async ({ body, user }) => {
    const householdId = householdIdOf(user);
    const { request, lines } = await draftBooking(db, householdId, body, today());
    const pending = await catalogueGate(db, clock.now(), user, householdId, request, lines);
    if (pending) {
      await audit(db, clock, user, 'create', 'booking_request', pending.id);
      return { status: 201, body: { request, lines, state: 'pending' as const, bookingRequest: pending } };
    }
    await storeRequest(db, request);
    await audit(db, clock, user, 'create', 'request', request.id);
    return { status: 201, body: { request, lines, state: 'active' as const, bookingRequest: null } };
  });

  defineRoute(router, registry, c.cancel, async ({ params, user }) => {
    const r = await cancelBooking(db, householdIdOf(user), params.id, user.username, clock.now());
    await audit(db, clock, user, 'update', r.id.startsWith('br-') ? 'booking_request' : 'request', r.id);
    return { body: r };
  });

  defineRoute(router, registry, c.schedules, async ({ body, user }) => {
    const householdId = householdIdOf(user);
    const { household, flagged } = await saveSchedules(
      db,
      householdId,
      body.schedules,
      today(),
      clock.now().toISOString(),
    );
    await audit(db, clock, user, 'update', 'household', householdId);
    return { body: { schedules: household.schedules ?? [], flagged } };
  });

  defineRoute(router, registry, c.absenceRange, async ({ body, user }) => {
    const householdId = householdIdOf(user);
    await ownPassenger(db, householdId, body.passengerId);
    if (body.from < today()) throw invalid('from', `is in the past (today is ${today()})`, body.from);
    const dates: string[] = [];
    for (let d = body.from; d <= body.to; d = addDays(d, 1)) {
      dates.push(d);
      if (dates.length > MAX_ABSENCE_DAYS)
        throw invalid('to', `more than ${MAX_ABSENCE_DAYS} days after from`, body.to);
    }
    let stopsRemoved = 0;
    for (const date of dates)
      stopsRemoved += (await reportAbsence(db, deps.plans, body.passengerId, date)).stopsRemoved;
    await audit(db, clock, user, 'absence', 'passenger', body.passengerId);
    return { status: 201, body: { passengerId: body.passengerId, dates, stopsRemoved } };
  });

  defineRoute(router, registry, c.week, async ({ query, user }) => {
    const householdId = householdIdOf(user);
    await audit(db, clock, user, 'read', 'family_week', `${householdId}/${query.week}`);
    return { body: { week: query.week, notTravelling: await notTravelling(db, householdId, query.week) } };
  });

  defineRoute(router, registry, c.createFeed, async ({ user, req }) => {
    const householdId = householdIdOf(user);
    const token = await issueFeedToken(db, householdId, clock.now().toISOString());
    await audit(db, clock, user, 'create', 'calendar_feed', householdId);
    const path = `/api/calendar/${token}.ics`;
    return { status: 201, body: { path, url: `${req.protocol}://${req.get('host')}${path}` } };
  });

  defineRoute(router, registry, c.revokeFeed, async ({ user }) => {
    const householdId = householdIdOf(user);
    await revokeFeedToken(db, householdId);
    await audit(db, clock, user, 'delete', 'calendar_feed', householdId);
    return { status: 204 };
  });

  defineRoute(router, registry, c.feed, async ({ params }) => {
    const householdId = await householdOfToken(db, params.token.replace(/\.ics$/, ''));
    if (!householdId) throw notFound('calendar feed', 'of this address');
    const household = await householdOf(db, householdId);
    const ids = new Set((await passengersOf(db, householdId)).map((p) => p.id));
    const text = await householdCalendar(db, deps.plans, ids, feedDates(today()), `prontivia — ${household.name}`);
    await db.query(
      `INSERT INTO audit_log (at, actor_id, actor_username, actor_role, action, entity, entity_id)
       VALUES ($1, NULL, 'calendar-feed', 'family', 'read', 'calendar_feed', $2)`,
      [clock.now().toISOString(), householdId],
    );
    return {
      text: { contentType: 'text/calendar; charset=utf-8', content: text },
      headers: { 'cache-control': 'private, no-store' },
    };
  });

  defineRoute(router, registry, c.closures, async ({ body, user }) => {
    const dates: string[] = [];
    for (let d = body.from; d <= body.to; d = addDays(d, 1)) {
      dates.push(d);
      if (dates.length > 366) throw invalid('to', 'more than a year after from', body.to);
    }
    await closeServices(db, body.serviceIds, dates, body.note);
    for (const id of body.serviceIds) await audit(db, clock, user, 'update', 'service', id);
    return { body: { services: body.serviceIds.length, dates } };
  });

  defineRoute(router, registry, c.flags, async ({ user }) => {
    const { rows } = await db.query<{
      id: string | number;
      household_id: string;
      request_id: string | null;
      kind: string;
      message: string;
      created_at: Date | string;
    }>('SELECT * FROM coordinator_flags WHERE resolved_at IS NULL ORDER BY id');
    await audit(db, clock, user, 'list', 'family_flags', '');
    return {
      body: rows.map((r) => ({
        id: Number(r.id),
        householdId: r.household_id,
        requestId: r.request_id,
        kind: r.kind,
        message: r.message,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  });
  return router;
}
