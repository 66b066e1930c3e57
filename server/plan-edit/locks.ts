/**
 * Locks: a coordinator pins a request (all its stops on one date, both directions) to its
 * vehicle and order; re-optimising the rest keeps it there.
 */
import type { Plan } from '../contract/plan.ts';
import type { RequestLock } from '../planning/plan-week.ts';
import { AppError } from '../errors/app-error.ts';
import { tripKey } from '../contract/trip-key.ts';

export function setLock(plan: Plan, date: string, requestId: string, locked: boolean): Plan {
  let found = 0;
  const days = plan.days.map((day) =>
    day.date !== date
      ? day
      : {
          ...day,
          routes: day.routes.map((route) => ({
            ...route,
            stops: route.stops.map((stop) => {
              if (stop.requestId !== requestId) return stop;
              found += 1;
              return { ...stop, locked };
            }),
          })),
        },
  );
  if (found === 0) {
    throw new AppError(
      'NOT_FOUND',
      `request ${requestId} has no stop on ${date} in plan ${plan.id} version ${plan.version}`,
      [{ path: 'requestId', message: 'not planned on this date', value: requestId }],
    );
  }
  return { ...plan, days };
}

/** The plan reduced to its locked stops: the anchors a re-optimisation must keep. */
export function lockedOnly(plan: Plan): Plan {
  return {
    ...plan,
    days: plan.days.map((day) => ({
      ...day,
      routes: day.routes
        .map((r) => ({ ...r, stops: r.stops.filter((s) => s.locked) }))
        .filter((r) => r.stops.length > 0),
    })),
  };
}

/** The plan's locks as the planner takes them: each locked request, per date and direction, on its run. */
export function locksOf(plan: Plan): RequestLock[] {
  const out = new Map<string, RequestLock>();
  for (const day of plan.days)
    for (const route of day.routes)
      for (const stop of route.stops) {
        if (!stop.locked) continue;
        for (const p of stop.kind === 'pickup' ? stop.boards : stop.alights) {
          const lock: RequestLock = {
            date: day.date,
            requestId: p.requestId,
            direction: p.direction,
            vehicleId: route.vehicleId,
            part: route.id.endsWith('.pm') ? 'pm' : 'am',
          };
          out.set(tripKey(day.date, p.requestId, p.direction), lock);
        }
      }
  return [...out.values()];
}
