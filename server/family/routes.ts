/**
 * The family's endpoints: my household and its passengers, my passengers' trips of a week, and
 * reporting an absence. The household is the one linked to the session's account; a passenger
 * of another household is refused.
 */
import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import { familyContract as c } from '../contract/family.ts';
import type { Household, Passenger, Service, StandingRequest } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import { isoWeekDates, isoWeekOf, romeToday } from '../contract/calendar.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import { getEntity, listEntities } from '../entities/store.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { reportAbsence } from './absences.ts';
import { familyTrips } from './family-trips.ts';

type Deps = AppDeps & { registry: OperationRegistry };

function householdIdOf(user: User): string {
  if (!user.householdId) throw new AppError('FORBIDDEN', `account ${user.username} is not linked to a household`);
  return user.householdId;
}

export function familyRouter(deps: Deps): Router {
  const { db, clock, registry } = deps;
  const router = Router();

  async function myPassengers(householdId: string): Promise<Passenger[]> {
    const r = await listEntities(db, 'passenger', { page: 1, pageSize: 500, householdId });
    return r.items as unknown as Passenger[];
  }

  defineRoute(router, registry, c.household, async ({ user }) => {
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
  });

  defineRoute(router, registry, c.trips, async ({ query, user }) => {
    const householdId = householdIdOf(user);
    const week = query.week ?? isoWeekOf(romeToday(clock.now()));
    const ids = new Set((await myPassengers(householdId)).map((p) => p.id));
    const plans = new Map<string, Plan | undefined>();
    for (const date of isoWeekDates(week)) plans.set(date, deps.plans ? await deps.plans.forDate(date) : undefined);
    await audit(db, clock, user, 'read', 'family_trips', `${householdId}/${week}`);
    return { body: { week, trips: familyTrips(plans, ids) } };
  });

  defineRoute(router, registry, c.absence, async ({ body, user }) => {
    const householdId = householdIdOf(user);
    const p = await getEntity<Passenger>(db, 'passenger', body.passengerId);
    if (!p || p.householdId !== householdId) {
      throw new AppError('FORBIDDEN', `passenger ${body.passengerId} is not in your household`);
    }
    if (body.date < romeToday(clock.now())) throw invalid('date', 'is in the past', body.date);
    const result = await reportAbsence(db, deps.plans, body.passengerId, body.date);
    await audit(db, clock, user, 'absence', 'passenger', body.passengerId);
    return { status: 201, body: result };
  });
  return router;
}
