/**
 * What the coordinator's screen is looking at: the week, the day, the plan and its violations,
 * the selected stop, and the progress of a running solve. Map, timeline and panels read it.
 */
import type { Plan, PlanRoute, PlanStop, Violation } from '../../server/contract/plan.ts';
import { Store } from './store.ts';

export interface CoordinatorState {
  week: string;
  date: string;
  plan: Plan | null;
  violations: Violation[];
  selectedStopId: string | null;
  job: { jobId: string; pct: number; bestCost: number | null } | null;
  busy: boolean;
  message: string;
}

export const createCoordinatorStore = (week: string, date: string) =>
  new Store<CoordinatorState>({
    week,
    date,
    plan: null,
    violations: [],
    selectedStopId: null,
    job: null,
    busy: false,
    message: '',
  });

export type CoordinatorStore = ReturnType<typeof createCoordinatorStore>;

export function routesOfDay(plan: Plan | null, date: string): PlanRoute[] {
  return plan?.days.find((d) => d.date === date)?.routes ?? [];
}

export function findStop(
  plan: Plan | null,
  date: string,
  stopId: string | null,
): { route: PlanRoute; stop: PlanStop; index: number } | null {
  if (!stopId) return null;
  for (const route of routesOfDay(plan, date)) {
    const index = route.stops.findIndex((s) => s.id === stopId);
    if (index >= 0) return { route, stop: route.stops[index], index };
  }
  return null;
}

/** One colour per vehicle: distinct hues, each dark enough for white numbers (contrast ≥ 4.5:1). */
const PALETTE = [
  '#0B5394',
  '#A63D00',
  '#00704F',
  '#9C2F6E',
  '#6B4E00',
  '#1F6E9C',
  '#5E2F8A',
  '#B0002A',
  '#2F6B2F',
  '#505050',
  '#8A4B00',
  '#005F73',
];

/** Colour of each vehicle of the plan's week, by sorted id, so a vehicle keeps its colour every day. */
export function vehicleColours(plan: Plan | null): (route: PlanRoute) => string {
  const ids = [...new Set(plan?.days.flatMap((d) => d.routes.map((r) => r.vehicleId)) ?? [])].sort();
  const colours = new Map(ids.map((id, i) => [id, PALETTE[i % PALETTE.length]]));
  return (route) => colours.get(route.vehicleId) ?? PALETTE[0];
}
