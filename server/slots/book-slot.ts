/**
 * Booking a slot: the chosen options become a standing request whose windows are promised
 * (StandingRequest.promised — hard in every later re-optimisation until the coordinator
 * releases them), and the trips are inserted into the plan at the places the query found,
 * so the family's answer holds at once. A booking merges with the passenger's earlier requests
 * to the same service (mergeBooking): their other weekdays and directions stay planned.
 */
import type { StandingRequest } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import { AppError, invalid } from '../errors/app-error.ts';
import { evaluateRoute } from '../../solver/index.ts';
import type { DarpSolution } from '../../solver/index.ts';
import { toDayResult } from '../planning/day-result.ts';
import { summarisePlan } from '../planning/summary.ts';
import { tripKey } from '../contract/trip-key.ts';
import { mergeBooking } from './merge-request.ts';
import { runSlotQuery } from './query-slots.ts';
import { relabel } from './relabel-trips.ts';
import { slotDay, type SlotContext } from './slot-context.ts';
import type { SlotAnswer, SlotBookSchema } from './slot-schemas.ts';
import type { z } from 'zod';

export interface Booking {
  request: StandingRequest;
  /** Earlier requests of the passenger to the same service, with the booked weekdays and directions taken out. */
  updatedRequests: StandingRequest[];
  /** Earlier requests left with no weekday. */
  removedRequestIds: string[];
  /** The plan with the trips inserted: a draft, one version after the plan it was made from. */
  plan: Plan;
  answer: SlotAnswer;
}

export async function bookSlot(
  ctx: SlotContext,
  input: z.infer<typeof SlotBookSchema>,
  createdAt: string,
): Promise<Booking> {
  const q = input.query;
  if (!q.passengerId)
    throw invalid(
      'query.passengerId',
      'a booking needs an existing passenger (create the passenger first)',
      q.passengerId,
    );
  if (input.validTo < input.validFrom)
    throw invalid('validTo', `is before validFrom ${input.validFrom}`, input.validTo);
  const run = await runSlotQuery(ctx, q, input.choice);
  if (!run.answer.feasible) {
    const details = run.answer.days.flatMap((d) =>
      [d.outbound, d.return]
        .filter((a) => a && a.options.length === 0)
        .map((a) => ({
          path: `query.weekdays.${d.weekday}`,
          message: `${a!.direction}: ${a!.message}`,
          value: d.weekday,
        })),
    );
    throw new AppError(
      'CONFLICT',
      `no slot fits on ${[...new Set(details.map((x) => x.value))].join(', ')}; query again and book the weekdays that fit`,
      details,
    );
  }
  const newId =
    input.requestId ??
    `sr-${q.passengerId}-${q.serviceId}-${ctx.plan.week}`.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 64);
  const promised: NonNullable<StandingRequest['promised']> = {};
  for (const d of run.answer.days) {
    const pick = input.choice[d.weekday] ?? {};
    const out = d.outbound?.options[Math.min(pick.outbound ?? 0, d.outbound.options.length - 1)];
    const back = d.return?.options[Math.min(pick.return ?? 0, d.return.options.length - 1)];
    promised[d.weekday] = { ...(out ? { pickup: out.promise } : {}), ...(back ? { dropoff: back.promise } : {}) };
  }
  const fresh: StandingRequest = {
    ...run.request,
    id: newId,
    validFrom: input.validFrom,
    validTo: input.validTo,
    promised,
  };
  const earlier = ctx.data.requests.filter((r) => r.passengerId === q.passengerId && r.serviceId === q.serviceId);
  const { request, updatedRequests, removedRequestIds, moved } = mergeBooking(
    fresh,
    earlier,
    new Set(ctx.data.requests.map((r) => r.id)),
  );
  const id = request.id;
  if (request === fresh && ctx.data.requests.some((r) => r.id === id))
    throw new AppError('CONFLICT', `request ${id} already exists`, [
      { path: 'requestId', message: 'already exists', value: id },
    ]);

  const days = ctx.plan.days.map((pd) => ({ ...pd }));
  for (const ins of run.insertions.values()) {
    const trips = ins.extra.map((t) =>
      ins.placed.includes(t) ? { ...t, requestId: id, key: tripKey(t.date, id, t.direction) } : t,
    );
    const { day } = slotDay(ctx, ins.base, trips, ins.without);
    const routes = ins.routes
      .filter((r) => r.visits.length > 0)
      .map((r) => evaluateRoute(day.instance, r.vehicleIdx, r.visits));
    const broken = routes.find((e) => !e.feasible);
    if (broken)
      throw new AppError(
        'INTERNAL',
        `booking ${ins.date}: the route after insertion fails its check: ${broken.violations.map((v) => v.message).join('; ')}`,
      );
    const solution: DarpSolution = {
      routes: routes.map((e) => e.route),
      unserved: [],
      cost: 0,
      totals: { distanceM: 0, durationS: 0, vehicles: routes.length, excessRideS: 0, waitAboardS: 0 },
    };
    const result = toDayResult(day, solution);
    const at = days.findIndex((d) => d.date === ins.date);
    if (at >= 0) days[at] = { date: ins.date, routes: result.routes };
    else days.push({ date: ins.date, routes: result.routes });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  const placed = new Set(
    [...run.insertions.values()].flatMap((ins) => ins.placed.map((t) => `${t.date}|${t.direction}`)),
  );
  const householdOf = new Map(ctx.data.passengers.map((p) => [p.id, p.householdId]));
  const unserved = ctx.plan.unserved.filter(
    (u) =>
      !(
        u.passengerId === q.passengerId &&
        (removedRequestIds.includes(u.requestId) || placed.has(`${u.date}|${u.direction}`))
      ),
  );
  const base = relabel({ days, unserved }, moved);
  const plan: Plan = {
    ...ctx.plan,
    ...base,
    status: 'draft',
    version: ctx.plan.version + 1,
    createdAt,
    summary: summarisePlan(base, (p) => householdOf.get(p)),
  };
  return { request, updatedRequests, removedRequestIds, plan, answer: run.answer };
}
