/**
 * Moving a trip by hand: the pickup and delivery stops of one request (one direction, one date)
 * leave their route and enter another route — or another position in the same one. Only the
 * order changes here; the caller recomputes the touched routes' times (day-check.ts).
 */
import type { Plan, PlanStop } from '../contract/plan.ts';
import type { Direction } from '../contract/domain.ts';
import { AppError, invalid } from '../errors/app-error.ts';

export interface MoveInput {
  date: string;
  requestId: string;
  /** Needed when the request travels both ways that day. */
  direction?: Direction;
  toRouteId: string;
  /** Index of the pickup in the target route after the move (default: at the end). */
  pickupPos?: number;
  /** Index of the delivery in the target route after the move (default: right after the pickup). */
  deliveryPos?: number;
}

const directionOf = (s: PlanStop) => (s.kind === 'pickup' ? s.boards[0] : s.alights[0])?.direction;

export function moveTrip(plan: Plan, input: MoveInput): { plan: Plan; touchedRouteIds: string[] } {
  const day = plan.days.find((d) => d.date === input.date);
  if (!day) throw invalid('date', `plan ${plan.id} has no routes on this date`, input.date);
  const mine = day.routes.flatMap((r) =>
    r.stops.filter((s) => s.requestId === input.requestId).map((s) => ({ route: r, stop: s })),
  );
  if (mine.length === 0) throw invalid('requestId', `not planned on ${input.date}`, input.requestId);
  const directions = [...new Set(mine.map((x) => directionOf(x.stop)))];
  const direction = input.direction ?? (directions.length === 1 ? directions[0] : undefined);
  if (!direction)
    throw invalid(
      'direction',
      `request ${input.requestId} travels outbound and return on ${input.date}: say which trip moves`,
      input.direction,
    );
  const trip = mine.filter((x) => directionOf(x.stop) === direction);
  const pickup = trip.find((x) => x.stop.kind === 'pickup');
  const delivery = trip.find((x) => x.stop.kind === 'delivery');
  if (!pickup || !delivery)
    throw invalid('direction', `request ${input.requestId} has no ${direction} trip on ${input.date}`, direction);
  if (pickup.stop.locked || delivery.stop.locked) {
    throw new AppError('CONFLICT', `request ${input.requestId} is locked on ${input.date}: unlock it before moving it`);
  }
  const target = day.routes.find((r) => r.id === input.toRouteId);
  if (!target) throw invalid('toRouteId', `no route with this id on ${input.date}`, input.toRouteId);

  const moving = new Set([pickup.stop.id, delivery.stop.id]);
  const remaining = target.stops.filter((s) => !moving.has(s.id));
  const pickupPos = input.pickupPos ?? remaining.length;
  if (!Number.isInteger(pickupPos) || pickupPos < 0 || pickupPos > remaining.length) {
    throw invalid('pickupPos', `must be between 0 and ${remaining.length}`, input.pickupPos);
  }
  const deliveryPos = input.deliveryPos ?? pickupPos + 1;
  if (!Number.isInteger(deliveryPos) || deliveryPos <= pickupPos || deliveryPos > remaining.length + 1) {
    throw invalid(
      'deliveryPos',
      `must be after the pickup (> ${pickupPos}) and at most ${remaining.length + 1}`,
      input.deliveryPos,
    );
  }
  const stops = [...remaining];
  stops.splice(pickupPos, 0, pickup.stop);
  stops.splice(deliveryPos, 0, delivery.stop);

  const touched = new Set([pickup.route.id, delivery.route.id, target.id]);
  const routes = day.routes
    .map((r) =>
      r.id === target.id
        ? { ...r, stops }
        : touched.has(r.id)
          ? { ...r, stops: r.stops.filter((s) => !moving.has(s.id)) }
          : r,
    )
    .filter((r) => r.stops.length > 0 || r.id === target.id);
  const kept = new Set(routes.map((r) => r.id));
  return {
    plan: { ...plan, days: plan.days.map((d) => (d.date === input.date ? { ...d, routes } : d)) },
    touchedRouteIds: [...touched].filter((id) => kept.has(id)),
  };
}
