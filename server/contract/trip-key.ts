/**
 * How a trip and a journey are named in maps and sets across the server — the planner's trips,
 * a plan's stops, locks, outcomes, vouchers and budgets — so that a key built in one module
 * finds the same trip in another. A trip is one request travelling one way on one date; a
 * journey is one passenger's request and direction on every date of the week (what continuity
 * compares from day to day).
 */
import type { Direction } from './domain.ts';

/**
 * `${date}|${requestId}|${direction}`: one trip, unique within a week. The voucher balance and
 * the budget report build the same text in SQL (`date || '|' || request_id || '|' || direction`).
 */
export const tripKey = (date: string, requestId: string, direction: Direction): string =>
  `${date}|${requestId}|${direction}`;

/** The trip key of anything that names its date, request and direction. */
export const tripKeyOf = (t: { date: string; requestId: string; direction: Direction }): string =>
  tripKey(t.date, t.requestId, t.direction);

/** `${passengerId}|${requestId}|${direction}`: one passenger's journey, the same on every date. */
export const journeyKey = (passengerId: string, requestId: string, direction: Direction): string =>
  `${passengerId}|${requestId}|${direction}`;
