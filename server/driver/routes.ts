/**
 * The driver's endpoints: my run for a date (from the published plan only) and stop events.
 * The driver is the one linked to the session's account; no parameter can name another driver.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import type { Household, Passenger, Vehicle } from '../contract/domain.ts';
import { driverContract as c } from '../contract/driver.ts';
import type { Plan } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';
import { fromIsoRome } from '../domain/calendar.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { driverRun, findDriverStop, type DriverRun, type RunLookups } from './driver-run.ts';
import { recordStopEvent } from './stop-events.ts';
import { recordStopOutcome } from '../programme/trip-outcomes.ts';

type Deps = AppDeps & { registry: OperationRegistry };

function driverIdOf(user: User): string {
  if (!user.driverId) throw new AppError('FORBIDDEN', `account ${user.username} is not linked to a driver`);
  return user.driverId;
}

/** Loads, in one query, the passengers, their households and the vehicles a plan day mentions. */
async function lookups(db: Db, plan: Plan | undefined, date: string, driverId: string): Promise<RunLookups> {
  const routes = plan?.days.find((d) => d.date === date)?.routes.filter((r) => r.driverId === driverId) ?? [];
  const passengerIds = [
    ...new Set(routes.flatMap((r) => r.stops.flatMap((s) => [...s.boards, ...s.alights].map((p) => p.passengerId)))),
  ];
  const vehicleIds = [...new Set(routes.map((r) => r.vehicleId))];
  const found = new Map<string, unknown>();
  if (routes.length > 0) {
    const { rows } = await db.query<{ kind: string; id: string; data: unknown }>(
      `SELECT kind, id, data FROM entities
       WHERE (kind = 'passenger' AND id = ANY($1)) OR (kind = 'vehicle' AND id = ANY($2))
          OR (kind = 'household' AND id IN (SELECT household_id FROM entities WHERE kind = 'passenger' AND id = ANY($1)))`,
      [passengerIds, vehicleIds],
    );
    for (const r of rows) found.set(`${r.kind}:${r.id}`, r.data);
  }
  return {
    passenger: (id) => found.get(`passenger:${id}`) as Passenger | undefined,
    household: (id) => found.get(`household:${id}`) as Household | undefined,
    vehicleLabel: (id) => (found.get(`vehicle:${id}`) as Vehicle | undefined)?.label,
  };
}

/**
 * A driver's phone asks for its run again and again; the answer depends on the published plan
 * version and on passenger data, so it is kept for RUN_TTL_MS (the same delay as the published
 * plan cache) under the plan id and version.
 */
const RUN_TTL_MS = 1000;

export function driverRouter(deps: Deps): Router {
  const { db, clock, registry } = deps;
  const router = Router();
  const planFor = async (date: string) => (deps.plans ? deps.plans.forDate(date) : undefined);
  const runs = new Map<string, { until: number; run: DriverRun }>();
  async function runOf(driverId: string, date: string): Promise<DriverRun> {
    const plan = await planFor(date);
    const key = `${driverId}|${date}|${plan?.id ?? '-'}|${plan?.version ?? 0}`;
    const now = clock.now().getTime();
    const hit = runs.get(key);
    if (hit && hit.until > now) return hit.run;
    const run = driverRun(plan, date, driverId, await lookups(db, plan, date, driverId));
    if (runs.size > 5000) runs.clear();
    runs.set(key, { until: now + RUN_TTL_MS, run });
    return run;
  }

  defineRoute(router, registry, c.run, async ({ params, user }) => {
    const driverId = driverIdOf(user);
    const run = await runOf(driverId, params.date);
    await audit(db, clock, user, 'read', 'driver_run', `${driverId}/${params.date}`);
    return { body: run, headers: { 'Cache-Control': 'private, no-store' } };
  });

  defineRoute(router, registry, c.stopEvent, async ({ params, body, user }) => {
    const driverId = driverIdOf(user);
    const date = body.date ?? fromIsoRome(body.at).date;
    const plan = await planFor(date);
    const stop = findDriverStop(plan, date, driverId, params.stopId);
    if (!stop) throw notFound(`stop on your run of ${date}:`, params.stopId);
    if (body.passengerId && ![...stop.boards, ...stop.alights].some((p) => p.passengerId === body.passengerId)) {
      throw invalid(
        'passengerId',
        `passenger ${body.passengerId} neither boards nor alights at stop ${params.stopId}`,
        body.passengerId,
      );
    }
    const { event, created } = await recordStopEvent(db, driverId, params.stopId, plan?.id ?? null, body);
    if (created) {
      await audit(db, clock, user, 'event', 'stop', params.stopId);
      await recordStopOutcome(db, plan, date, stop, body, clock.now());
    }
    return { status: created ? 201 : 200, body: event };
  });
  return router;
}
