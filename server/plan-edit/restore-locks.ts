/**
 * The guarantee behind "re-optimise the rest": after a re-optimisation, every locked stop is on
 * the route (vehicle and run) it was locked on, in the same order among the locked stops. The
 * planner is asked to keep them (anchors); whatever it moved anyway is put back here, merged
 * into the route by planned time. The caller re-times the routes reported as touched.
 */
import type { Plan, PlanRoute, PlanStop } from '../contract/plan.ts';

export interface Restored {
  plan: Plan;
  /** date → ids of routes whose stops changed. */
  touched: Map<string, Set<string>>;
}

const lockedOrder = (route: PlanRoute): string[] => route.stops.filter((s) => s.locked).map((s) => s.id);

/** Merges the locked stops (kept in their order) into the others by planned start time. */
function merge(others: PlanStop[], locked: PlanStop[]): PlanStop[] {
  const out: PlanStop[] = [];
  let i = 0;
  for (const l of locked) {
    while (i < others.length && others[i].start <= l.start) out.push(others[i++]);
    out.push(l);
  }
  return [...out, ...others.slice(i)];
}

export function restoreLocks(result: Plan, base: Plan): Restored {
  const touched = new Map<string, Set<string>>();
  const days = result.days.map((day) => {
    const baseDay = base.days.find((d) => d.date === day.date);
    const wanted = (baseDay?.routes ?? []).filter((r) => r.stops.some((s) => s.locked));
    const misplaced = wanted.filter((r) => {
      const now = day.routes.find((x) => x.id === r.id);
      const lockedIds = new Set(lockedOrder(r));
      const strays = day.routes.some((x) => x.id !== r.id && x.stops.some((s) => lockedIds.has(s.id)));
      return (
        strays ||
        !now ||
        JSON.stringify(now.stops.filter((s) => lockedIds.has(s.id)).map((s) => s.id)) !== JSON.stringify(lockedOrder(r))
      );
    });
    if (misplaced.length === 0) return day;
    const mark = (id: string) => {
      if (!touched.has(day.date)) touched.set(day.date, new Set());
      touched.get(day.date)!.add(id);
    };
    const moving = new Set(misplaced.flatMap(lockedOrder));
    let routes = day.routes.map((r) => {
      if (!r.stops.some((s) => moving.has(s.id))) return r;
      mark(r.id);
      return { ...r, stops: r.stops.filter((s) => !moving.has(s.id)) };
    });
    for (const want of misplaced) {
      const locked = want.stops.filter((s) => s.locked);
      const at = routes.findIndex((r) => r.id === want.id);
      const host = at >= 0 ? routes[at] : { ...want, stops: [] };
      const merged = { ...host, stops: merge(host.stops, locked) };
      routes = at >= 0 ? routes.map((r, k) => (k === at ? merged : r)) : [...routes, merged];
      mark(want.id);
    }
    return { ...day, routes: routes.filter((r) => r.stops.length > 0) };
  });
  return { plan: { ...result, days }, touched };
}
