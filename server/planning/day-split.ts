/**
 * Where a day divides into morning and afternoon runs. Every trip must fit wholly in one part:
 * a morning trip is delivered (and its van back at the depot) before the split, an afternoon
 * trip is collected after it. Each part is planned as its own solver instance, the morning first. The split is the time between 10:00 and 15:00 that leaves the
 * fewest trips fitting neither part, the nearest to 13:00 on a tie.
 */
import type { PlanTrip } from './trip.ts';

/** Time a van needs after its last delivery to be back at the depot, and after the split to reach a pickup. */
const MARGIN_S = 20 * 60;

/** True when the trip can be done wholly before the split (so it belongs to the morning runs). */
export function fitsMorning(t: PlanTrip, splitS: number, directS: (t: PlanTrip) => number): boolean {
  return (
    t.pickup.earliestS + t.passenger.boardingMin * 60 + directS(t) <= Math.min(t.delivery.latestS, splitS - MARGIN_S)
  );
}

export function chooseSplit(trips: PlanTrip[], directS: (t: PlanTrip) => number): number {
  let best = 13 * 3600;
  let bestLost = Infinity;
  for (let s = 10 * 3600; s <= 15 * 3600; s += 15 * 60) {
    let lost = 0;
    for (const t of trips) {
      const am = fitsMorning(t, s, directS);
      const pm = t.pickup.latestS >= s + MARGIN_S;
      if (!am && !pm) lost++;
    }
    if (lost < bestLost || (lost === bestLost && Math.abs(s - 13 * 3600) < Math.abs(best - 13 * 3600))) {
      best = s;
      bestLost = lost;
    }
  }
  return best;
}
