/**
 * Escorts for the coordinator: keep them (shifts, qualifications), and an escort's day — the runs
 * they ride in the published plan and the passengers on them who travel only with an escort.
 */
import { Router } from 'express';
import type { RouterDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import type { Passenger } from '../contract/domain.ts';
import { escortsContract as c } from '../contract/safeguarding.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import { loadSettings } from '../safeguarding/settings.ts';
import { needsEscortAboard } from './escort-rules.ts';
import { deleteEscort, listEscorts, saveEscort } from './store.ts';

export function escortsRouter(deps: RouterDeps): Router {
  const { db, clock, registry } = deps;
  const router = Router();

  defineRoute(router, registry, c.list, async ({ user }) => {
    await audit(db, clock, user, 'list', 'escort', '*');
    return { body: await listEscorts(db) };
  });
  defineRoute(router, registry, c.put, async ({ params, body, user }) => {
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
  });
  defineRoute(router, registry, c.remove, async ({ params, user }) => {
    if (!(await deleteEscort(db, params.id))) throw notFound('escort', params.id);
    await audit(db, clock, user, 'delete', 'escort', params.id);
    return { status: 204 };
  });
  /** The runs an escort rides on a date in the published plan, and whom they look after. */
  const escortDay = async (escortId: string, date: string, user: User) => {
    const plan = deps.plans ? await deps.plans.forDate(date) : undefined;
    const routes = (plan?.days.find((d) => d.date === date)?.routes ?? []).filter((r) => r.escortId === escortId);
    const ids = [...new Set(routes.flatMap((r) => r.stops.flatMap((s) => s.boards.map((b) => b.passengerId))))];
    const { rows } = await db.query<{ id: string; data: Passenger }>(
      `SELECT id, data FROM entities WHERE kind = 'passenger' AND id = ANY($1)`,
      [ids],
    );
    const passengers = new Map(rows.map((r) => [r.id, r.data]));
    const rules = (await loadSettings(db)).escortRules;
    await audit(db, clock, user, 'read', 'escort_day', `${escortId}/${date}`);
    return {
      escortId: escortId,
      date: date,
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
              needsEscortAboard: p ? needsEscortAboard(p, rules, date) : false,
              boards: s.start,
              alights: off?.start ?? '',
            };
          }),
        ),
      })),
    };
  };

  // '/me/…' before '/:id/…', which would otherwise take 'me' for an id.
  defineRoute(router, registry, c.myDay, async ({ params, user }) => {
    if (!user.escortId) throw new AppError('FORBIDDEN', `account ${user.username} is not linked to an escort`);
    return { body: await escortDay(user.escortId, params.date, user) };
  });
  defineRoute(router, registry, c.day, async ({ params, user }) => ({
    body: await escortDay(params.id, params.date, user),
  }));
  return router;
}
