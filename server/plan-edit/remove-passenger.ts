/**
 * An absence, applied to a plan: the passenger leaves every stop of theirs on that date; stops
 * left with nobody boarding or alighting disappear, and so do routes left without stops. The
 * other stops keep their times (drivers and families were told them); re-optimising later may
 * tighten the route.
 */
import type { Plan } from '../contract/plan.ts';

export function removePassenger(plan: Plan, passengerId: string, date: string): { plan: Plan; removed: number } {
  let removed = 0;
  const days = plan.days.map((day) => {
    if (day.date !== date) return day;
    const routes = day.routes
      .map((route) => {
        const stops = route.stops.flatMap((stop) => {
          const boards = stop.boards.filter((p) => p.passengerId !== passengerId);
          const alights = stop.alights.filter((p) => p.passengerId !== passengerId);
          if (boards.length === stop.boards.length && alights.length === stop.alights.length) return [stop];
          if (boards.length === 0 && alights.length === 0) {
            removed += 1;
            return [];
          }
          return [{ ...stop, boards, alights }];
        });
        return { ...route, stops };
      })
      .filter((route) => route.stops.length > 0);
    return { ...day, routes };
  });
  const unserved = plan.unserved.filter((u) => !(u.passengerId === passengerId && u.date === date));
  return { plan: { ...plan, days, unserved }, removed };
}
