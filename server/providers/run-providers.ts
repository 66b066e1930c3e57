/**
 * Which provider runs each route of a plan (the provider its vehicle belongs to), and the trips
 * a provider carries outside the comuni or services it is restricted to — shown to the
 * coordinator. The planner keeps vans to their provider's accreditation, so a plan made now lists
 * none; a plan edited by hand or made before the restriction was recorded may.
 */
import type { Plan } from '../contract/plan.ts';
import { isoWeekDates } from '../domain/calendar.ts';
import { type ProgrammeData, priceTrip, tripsOfPlan } from '../programme/programme-data.ts';
import { outsideAccreditation } from './accreditation.ts';

export interface RunProvider {
  date: string;
  routeId: string;
  vehicleId: string;
  providerId: string | null;
  providerName: string | null;
  trips: number;
  costCents: number;
  outsideRestriction: { requestId: string; direction: string; why: string }[];
}

export function runProviders(data: ProgrammeData, plan: Plan): { week: string; version: number; runs: RunProvider[] } {
  const dates = isoWeekDates(plan.week);
  const trips = tripsOfPlan(plan, dates[0]!, dates[6]!);
  const runs: RunProvider[] = [];
  for (const day of plan.days) {
    for (const route of day.routes) {
      const provider = data.providerOfVehicle.get(route.vehicleId);
      const ids = new Set(route.stops.flatMap((s) => s.boards.map((p) => `${p.requestId}|${p.direction}`)));
      const mine = trips.filter(
        (t) => t.date === day.date && t.vehicleId === route.vehicleId && ids.has(`${t.requestId}|${t.direction}`),
      );
      const outside: RunProvider['outsideRestriction'] = [];
      let costCents = 0;
      for (const t of mine) {
        const priced = priceTrip(data, t);
        costCents += priced.costCents;
        if (!provider) continue;
        const serviceId = data.requests.get(t.requestId.replace(/\.leg\d+$/, ''))?.serviceId ?? null;
        const why = outsideAccreditation(provider, { istatCode: priced.istatCode, serviceId });
        if (why) outside.push({ requestId: t.requestId, direction: t.direction, why });
      }
      runs.push({
        date: day.date,
        routeId: route.id,
        vehicleId: route.vehicleId,
        providerId: provider?.id ?? null,
        providerName: provider?.name ?? null,
        trips: mine.length,
        costCents,
        outsideRestriction: outside,
      });
    }
  }
  return { week: plan.week, version: plan.version, runs };
}
