/**
 * A household's trips for a week, cut from the published plans: for each of the household's
 * passengers and each trip, where and when they are picked up and dropped off. Nothing about
 * other passengers on the same vehicle.
 */
import type { FamilyTrip } from '../contract/family.ts';
import type { Plan } from '../contract/plan.ts';

export function familyTrips(plans: Map<string, Plan | undefined>, passengerIds: Set<string>): FamilyTrip[] {
  const trips: FamilyTrip[] = [];
  for (const [date, plan] of plans) {
    for (const route of plan?.days.find((d) => d.date === date)?.routes ?? []) {
      for (const stop of route.stops) {
        for (const b of stop.boards) {
          if (!passengerIds.has(b.passengerId)) continue;
          const drop = route.stops.find((s) =>
            s.alights.some(
              (a) => a.passengerId === b.passengerId && a.requestId === b.requestId && a.direction === b.direction,
            ),
          );
          if (!drop) continue;
          trips.push({
            date,
            passengerId: b.passengerId,
            name: b.name,
            requestId: b.requestId,
            direction: b.direction,
            pickup: stop.start,
            pickupWindow: stop.window,
            pickupLabel: stop.label,
            dropoff: drop.start,
            dropoffWindow: drop.window,
            dropoffLabel: drop.label,
            label: `${stop.label} → ${drop.label}`,
          });
        }
      }
    }
  }
  return trips.sort((a, b) => a.pickup.localeCompare(b.pickup) || a.passengerId.localeCompare(b.passengerId));
}
