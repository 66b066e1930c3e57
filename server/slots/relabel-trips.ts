/**
 * When a booking splits a passenger's earlier request, the trips already planned for the part
 * that got a new id must name it, so the plan and the stored requests keep agreeing.
 */
import type { Plan, PlanStop, StopPassenger } from '../contract/plan.ts';
import { weekdayOf } from '../domain/calendar.ts';
import type { RequestMerge } from './merge-request.ts';

type Moves = RequestMerge['moved'];
const movedTo = (moves: Moves, requestId: string, date: string, direction: string): string | undefined =>
  moves.find((m) => m.from === requestId && m.direction === direction && m.weekdays.includes(weekdayOf(date)))?.to;

function relabelStop(stop: PlanStop, date: string, moves: Moves): PlanStop {
  const fix = (p: StopPassenger): StopPassenger => ({
    ...p,
    requestId: movedTo(moves, p.requestId, date, p.direction) ?? p.requestId,
  });
  const own = [...stop.boards, ...stop.alights].find((p) => p.requestId === stop.requestId);
  const to = own && movedTo(moves, stop.requestId, date, own.direction);
  return { ...stop, requestId: to ?? stop.requestId, boards: stop.boards.map(fix), alights: stop.alights.map(fix) };
}

export function relabel<T extends Pick<Plan, 'days' | 'unserved'>>(plan: T, moves: Moves): T {
  if (moves.length === 0) return plan;
  return {
    ...plan,
    days: plan.days.map((d) => ({
      ...d,
      routes: d.routes.map((r) => ({ ...r, stops: r.stops.map((s) => relabelStop(s, d.date, moves)) })),
    })),
    unserved: plan.unserved.map((u) => ({
      ...u,
      requestId: movedTo(moves, u.requestId, u.date, u.direction) ?? u.requestId,
    })),
  };
}
