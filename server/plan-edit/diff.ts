/**
 * What changed since the last published version: trips moved to another vehicle, pickup time
 * shifts per passenger, trips added and removed. Built on the planner's `planMoves`.
 */
import type { Plan } from '../contract/plan.ts';
import type { PlanDiff } from '../contract/plans.ts';
import { planMoves, type PassengerMove } from '../planning/moves.ts';

export type { PlanDiff };

export function planDiff(published: Plan | undefined, current: Plan): PlanDiff {
  const before: Plan = published ?? { ...current, days: [], unserved: [] };
  const report = planMoves(before, current);
  return {
    planId: current.id,
    fromVersion: published?.version ?? null,
    toVersion: current.version,
    movedBetweenVehicles: report.moves.filter((m) => m.kind === 'vehicle-changed'),
    timeShifts: report.moves.filter((m) => m.kind === 'moved' || (m.kind === 'vehicle-changed' && m.shiftMin !== 0)),
    added: report.moves.filter((m) => m.kind === 'newly-served'),
    removed: report.moves.filter((m) => m.kind === 'no-longer-served'),
    passengersAffected: report.passengersMoved,
    maxShiftMin: report.maxShiftMin,
  };
}
