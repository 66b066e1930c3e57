/**
 * The family's endpoints: my household and its passengers, my passengers' trips of a week, and
 * reporting an absence. The household is the one linked to the session's account; a passenger
 * of another household is refused.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import {
  DateSchema,
  HouseholdSchema,
  IdSchema,
  IsoWeekSchema,
  PassengerSchema,
  StandingRequestSchema,
  type Household,
  type Passenger,
  type Service,
  type StandingRequest,
} from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import { isoWeekDates, isoWeekOf } from '../domain/calendar.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import { getEntity, listEntities } from '../entities/store.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { reportAbsence } from './absences.ts';
import { FamilyTripSchema, familyTrips } from './family-trips.ts';

type Deps = AppDeps & { registry: OperationRegistry };

function householdIdOf(user: User): string {
  if (!user.householdId) throw new AppError('FORBIDDEN', `account ${user.username} is not linked to a household`);
  return user.householdId;
}

const romeToday = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

export function familyRouter(deps: Deps): Router {
  const { db, clock, registry } = deps;
  const router = Router();

  async function myPassengers(householdId: string): Promise<Passenger[]> {
    const r = await listEntities(db, 'passenger', { page: 1, pageSize: 500, householdId });
    return r.items as unknown as Passenger[];
  }

  defineRoute(router, registry, '/api/family', {
    method: 'get',
    path: '/household',
    summary: 'My household, its passengers, their standing requests and the services they attend',
    tag: 'family',
    roles: ['family'],
    responses: {
      200: {
        description: 'my household',
        schema: z.object({
          household: HouseholdSchema,
          passengers: z.array(PassengerSchema),
          requests: z.array(StandingRequestSchema),
          services: z.array(z.object({ id: IdSchema, name: z.string() })),
        }),
      },
    },
    handler: async ({ user }) => {
      const householdId = householdIdOf(user);
      const household = await getEntity<Household>(db, 'household', householdId);
      if (!household) throw notFound('household', householdId);
      const passengers = await myPassengers(householdId);
      const requests: StandingRequest[] = [];
      for (const p of passengers) {
        const r = await listEntities(db, 'request', { page: 1, pageSize: 500, passengerId: p.id });
        requests.push(...(r.items as unknown as StandingRequest[]));
      }
      const services: { id: string; name: string }[] = [];
      for (const id of new Set(requests.map((r) => r.serviceId))) {
        const s = await getEntity<Service>(db, 'service', id);
        if (s) services.push({ id: s.id, name: s.name });
      }
      await audit(db, clock, user, 'read', 'household', householdId);
      return { body: { household, passengers, requests, services } };
    },
  });

  defineRoute(router, registry, '/api/family', {
    method: 'get',
    path: '/trips',
    summary: "My passengers' trips of an ISO week, from the published plan (default: the current week)",
    tag: 'family',
    roles: ['family'],
    query: z.object({ week: IsoWeekSchema.optional() }),
    responses: {
      200: { description: 'the trips', schema: z.object({ week: IsoWeekSchema, trips: z.array(FamilyTripSchema) }) },
    },
    handler: async ({ query, user }) => {
      const householdId = householdIdOf(user);
      const week = query.week ?? isoWeekOf(romeToday(clock.now()));
      const ids = new Set((await myPassengers(householdId)).map((p) => p.id));
      const plans = new Map<string, Plan | undefined>();
      for (const date of isoWeekDates(week)) plans.set(date, deps.plans ? await deps.plans.forDate(date) : undefined);
      await audit(db, clock, user, 'read', 'family_trips', `${householdId}/${week}`);
      return { body: { week, trips: familyTrips(plans, ids) } };
    },
  });

  defineRoute(router, registry, '/api/family', {
    method: 'post',
    path: '/absences',
    summary:
      "Report that one of my passengers will not travel on a date: that day's trips are removed and the seats freed",
    tag: 'family',
    roles: ['family'],
    body: z.object({ passengerId: IdSchema, date: DateSchema }),
    responses: {
      201: {
        description: 'recorded',
        schema: z.object({
          passengerId: z.string(),
          date: z.string(),
          requestIds: z.array(z.string()),
          stopsRemoved: z.number(),
        }),
      },
      403: { description: 'not a passenger of my household' },
    },
    handler: async ({ body, user }) => {
      const householdId = householdIdOf(user);
      const p = await getEntity<Passenger>(db, 'passenger', body.passengerId);
      if (!p || p.householdId !== householdId) {
        throw new AppError('FORBIDDEN', `passenger ${body.passengerId} is not in your household`);
      }
      if (body.date < romeToday(clock.now())) throw invalid('date', 'is in the past', body.date);
      const result = await reportAbsence(db, deps.plans, body.passengerId, body.date);
      await audit(db, clock, user, 'absence', 'passenger', body.passengerId);
      return { status: 201, body: result };
    },
  });
  return router;
}
