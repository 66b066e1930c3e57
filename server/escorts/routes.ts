/**
 * Escorts for the coordinator: keep them (shifts, qualifications), and an escort's day — the runs
 * they ride in the published plan and the passengers on them who travel only with an escort.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { RouterDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import { DateSchema, IdSchema, type Passenger } from '../contract/domain.ts';
import { EscortSchema } from '../contract/safeguarding.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import { loadSettings } from '../safeguarding/settings.ts';
import { needsEscortAboard } from './escort-rules.ts';
import { deleteEscort, listEscorts, saveEscort } from './store.ts';

const EscortDaySchema = z.object({
  escortId: z.string(),
  date: DateSchema,
  runs: z.array(
    z.object({
      routeId: z.string(),
      vehicleId: z.string(),
      driverId: z.string().nullable(),
      departure: z.string(),
      return: z.string(),
      passengers: z.array(
        z.object({
          passengerId: z.string(),
          name: z.string(),
          needsEscortAboard: z.boolean(),
          boards: z.string(),
          alights: z.string(),
        }),
      ),
    }),
  ),
});

export function escortsRouter(deps: RouterDeps): Router {
  const { db, clock, registry } = deps;
  const router = Router();
  const P = '/api/escorts';

  defineRoute(router, registry, P, {
    method: 'get',
    path: '/',
    summary: 'The escorts (accompagnatori) with their shifts and qualifications',
    tag: 'escorts',
    roles: ['coordinator'],
    responses: { 200: { description: 'the escorts', schema: z.array(EscortSchema) } },
    handler: async ({ user }) => {
      await audit(db, clock, user, 'list', 'escort', '*');
      return { body: await listEscorts(db) };
    },
  });
  defineRoute(router, registry, P, {
    method: 'put',
    path: '/:id',
    summary: 'Create or replace an escort',
    tag: 'escorts',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    body: EscortSchema,
    responses: { 200: { description: 'stored', schema: EscortSchema } },
    handler: async ({ params, body, user }) => {
      if (body.id !== params.id)
        throw new AppError('REQUEST_INVALID', `id: the body's id ${body.id} is not ${params.id}`, [
          { path: 'id', message: 'differs from the path', value: body.id },
        ]);
      for (const [day, s] of Object.entries(body.shifts))
        if (s && s.to <= s.from)
          throw new AppError('REQUEST_INVALID', `shifts.${day}.to: ends at ${s.to}, before it starts`, [
            { path: `shifts.${day}.to`, message: 'ends before it starts', value: s.to },
          ]);
      const saved = await saveEscort(db, clock, body);
      await audit(db, clock, user, 'update', 'escort', body.id);
      return { body: saved };
    },
  });
  defineRoute(router, registry, P, {
    method: 'delete',
    path: '/:id',
    summary: 'Remove an escort',
    tag: 'escorts',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    responses: { 204: { description: 'removed' } },
    handler: async ({ params, user }) => {
      if (!(await deleteEscort(db, params.id))) throw notFound('escort', params.id);
      await audit(db, clock, user, 'delete', 'escort', params.id);
      return { status: 204 };
    },
  });
  defineRoute(router, registry, P, {
    method: 'get',
    path: '/:id/day/:date',
    summary: "An escort's day in the published plan: the runs they ride and the passengers they look after",
    tag: 'escorts',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema, date: DateSchema }),
    responses: { 200: { description: 'the day', schema: EscortDaySchema } },
    handler: async ({ params, user }) => {
      const plan = deps.plans ? await deps.plans.forDate(params.date) : undefined;
      const routes = (plan?.days.find((d) => d.date === params.date)?.routes ?? []).filter(
        (r) => r.escortId === params.id,
      );
      const ids = [...new Set(routes.flatMap((r) => r.stops.flatMap((s) => s.boards.map((b) => b.passengerId))))];
      const { rows } = await db.query<{ id: string; data: Passenger }>(
        `SELECT id, data FROM entities WHERE kind = 'passenger' AND id = ANY($1)`,
        [ids],
      );
      const passengers = new Map(rows.map((r) => [r.id, r.data]));
      const rules = (await loadSettings(db)).escortRules;
      await audit(db, clock, user, 'read', 'escort_day', `${params.id}/${params.date}`);
      return {
        body: {
          escortId: params.id,
          date: params.date,
          runs: routes.map((r) => ({
            routeId: r.id,
            vehicleId: r.vehicleId,
            driverId: r.driverId,
            departure: r.departure,
            return: r.return,
            passengers: r.stops.flatMap((s) =>
              s.boards.map((b) => {
                const p = passengers.get(b.passengerId);
                const off = r.stops.find((x) =>
                  x.alights.some((a) => a.passengerId === b.passengerId && a.requestId === b.requestId),
                );
                return {
                  passengerId: b.passengerId,
                  name: b.name,
                  needsEscortAboard: p ? needsEscortAboard(p, rules, params.date) : false,
                  boards: s.start,
                  alights: off?.start ?? '',
                };
              }),
            ),
          })),
        },
      };
    },
  });
  return router;
}
