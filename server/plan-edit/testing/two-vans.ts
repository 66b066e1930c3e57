/**
 * A hand-written plan for the plan-edit tests: one date, two vans. Van A takes Anna (outbound)
 * and Bruno (outbound); van B takes Carla (outbound) and, later, Anna back home (return).
 */
import type { Plan, PlanRoute, PlanStop } from '../../contract/plan.ts';
import type { Direction } from '../../contract/domain.ts';

export const DATE = '2026-12-01';
const at = (hhmm: string) => `${DATE}T${hhmm}:00+01:00`;

function stop(
  requestId: string,
  passengerId: string,
  direction: Direction,
  kind: 'pickup' | 'delivery',
  hhmm: string,
  lat: number,
): PlanStop {
  const who = { passengerId, requestId, name: passengerId, mobility: 'walks' as const, needsEscort: false, direction };
  return {
    id: `${DATE}.${requestId}.${direction[0]}.${kind[0]}`,
    kind,
    requestId,
    label: `${passengerId} ${kind}`,
    lat,
    lon: 8.89,
    arrival: at(hhmm),
    start: at(hhmm),
    departure: at(hhmm),
    window: { from: at('06:00'), to: at('19:00') },
    boards: kind === 'pickup' ? [who] : [],
    alights: kind === 'delivery' ? [who] : [],
    locked: false,
  };
}

function route(id: string, vehicleId: string, stops: PlanStop[]): PlanRoute {
  return {
    id,
    vehicleId,
    driverId: `drv-${vehicleId}`,
    departure: stops[0].start,
    return: stops[stops.length - 1].start,
    distanceM: 1000,
    durationS: 600,
    stops,
  };
}

export function twoVans(): Plan {
  return {
    id: 'plan-2026-W49',
    week: '2026-W49',
    version: 3,
    status: 'draft',
    provider: 'estimate',
    createdAt: at('06:00'),
    days: [
      {
        date: DATE,
        routes: [
          route(`${DATE}.vA.am`, 'vA', [
            stop('rA', 'anna', 'outbound', 'pickup', '08:00', 45.61),
            stop('rB', 'bruno', 'outbound', 'pickup', '08:10', 45.62),
            stop('rA', 'anna', 'outbound', 'delivery', '08:30', 45.6),
            stop('rB', 'bruno', 'outbound', 'delivery', '08:31', 45.6),
          ]),
          route(`${DATE}.vB.am`, 'vB', [
            stop('rC', 'carla', 'outbound', 'pickup', '08:05', 45.63),
            stop('rC', 'carla', 'outbound', 'delivery', '08:40', 45.6),
            stop('rA', 'anna', 'return', 'pickup', '16:00', 45.6),
            stop('rA', 'anna', 'return', 'delivery', '16:20', 45.61),
          ]),
        ],
      },
    ],
    unserved: [],
    summary: {
      vehicles: 2,
      km: 2,
      drivingHours: 0.3,
      meanRideMin: 20,
      maxRideMin: 35,
      stopsWithinWindowPct: 100,
      householdsRespectedPct: 100,
      tripsServed: 4,
      tripsUnserved: 0,
      continuity: { sameVehiclePct: 100, pickupSpreadWithin10MinPct: 100 },
    },
  };
}

export const stopIds = (plan: Plan, routeId: string): string[] =>
  plan.days[0].routes.find((r) => r.id === routeId)?.stops.map((s) => s.id) ?? [];
