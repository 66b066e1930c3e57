/**
 * Step 1 of planning a week: the order of the dates and the master week. Dates are planned
 * busiest first. Before them comes the master week, as a coordinator draws up a timetable for
 * standing orders: every passenger's journey (passenger, standing request, direction) once, with
 * the windows of the first date it travels in that order, planned on the busiest date's runs.
 * It is not part of the plan; its routes set the continuity anchors and warm starts of every date.
 */
import { journeyKey, tripKey } from '../contract/trip-key.ts';
import type { PlanTrip } from './trip.ts';

/** The order entry that stands for the master week (it is planned on the busiest date). */
export const MASTER = 'master';

export const journeyOf = (t: PlanTrip): string => journeyKey(t.passenger.id, t.requestId, t.direction);

export interface WeekOrder {
  /** Trips per order entry (a date, or MASTER). */
  byDate: Map<string, PlanTrip[]>;
  /** MASTER first when there is one, then the dates, busiest first (then by date). */
  order: string[];
}

/** The date an order entry is planned on: the master week on the busiest date. */
export const dateOf = (week: WeekOrder, entry: string): string => (entry === MASTER ? week.order[1] : entry);

/** The week's trips per date, busiest date first. */
export function datesBusiestFirst(trips: PlanTrip[]): WeekOrder {
  const byDate = new Map<string, PlanTrip[]>();
  for (const t of trips) byDate.set(t.date, [...(byDate.get(t.date) ?? []), t]);
  const order = [...byDate.keys()].sort((a, b) => byDate.get(b)!.length - byDate.get(a)!.length || a.localeCompare(b));
  return { byDate, order };
}

/** The master week's trips: each journey once, as it first travels in `order`, moved to the busiest date. */
export function masterTrips(week: WeekOrder): PlanTrip[] {
  const first = new Map<string, PlanTrip>();
  for (const d of week.order)
    for (const t of week.byDate.get(d)!) if (!first.has(journeyOf(t))) first.set(journeyOf(t), t);
  const busiest = week.order[0];
  return [...first.values()].map((t) => ({ ...t, date: busiest, key: tripKey(busiest, t.requestId, t.direction) }));
}

/** The order with the master week in front (not for a single date, nor when re-planning a published plan). */
export function withMasterWeek(week: WeekOrder): WeekOrder {
  if (week.order.length <= 1 || week.order.includes(MASTER)) return week;
  const byDate = new Map(week.byDate);
  byDate.set(MASTER, masterTrips(week));
  return { byDate, order: [MASTER, ...week.order] };
}
