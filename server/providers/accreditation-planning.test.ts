/**
 * The planner keeps each provider's vans to what the provider is accredited for, on the tiny
 * week: van v1 (child seats) and the lift van v2 belong to two providers. Accredited for the
 * nursery only (v1) and the day centre only (v2), every trip rides a van of a provider accredited
 * for its service — checked here from the plan alone; with both accredited for the nursery only,
 * the day centre's trips are left unserved as NO_ACCREDITED_PROVIDER saying what is missing.
 */
import { describe, expect, it } from 'vitest';
import type { Plan } from '../contract/plan.ts';
import type { Provider } from '../contract/programme.ts';
import { planWeek } from '../planning/plan-week.ts';
import { tinyWeek } from '../planning/testing/tiny-week.ts';
import { EstimateProvider } from '../routing/estimate/estimate-provider.ts';
import { attachAccreditation, explainAccreditationGaps } from './accreditation-planning.ts';

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
const deps = { routing, seed: 1, timeLimitMs: 10_000, maxIterationsPerDay: 300, now: () => performance.now() };
const provider = (id: string, vehicleId: string, serviceIds: string[]): Provider => ({
  id,
  name: id,
  tariff: { unit: 'trip', centsPerUnit: 500, coPaymentBands: [] },
  vehicleIds: [vehicleId],
  driverIds: [],
  comuni: [],
  serviceIds,
});

/** Every boarding of the plan as "vehicle service" (the service of the boarded trip's request). */
function rides(plan: Plan, serviceOf: Map<string, string>): string[] {
  return plan.days.flatMap((d) =>
    d.routes.flatMap((r) =>
      r.stops.flatMap((s) => s.boards.map((b) => `${r.vehicleId} ${serviceOf.get(b.requestId)}`)),
    ),
  );
}

describe("providers' accreditation in the planner", () => {
  it('each van carries only the services its provider is accredited for', async () => {
    const data = tinyWeek();
    const serviceOf = new Map(data.requests.map((r) => [r.id, r.serviceId]));
    // unrestricted, the planner mixes both services on both vans
    const free = new Set(rides(await planWeek({ data: tinyWeek(), week: data.week }, deps), serviceOf));
    expect(free.has('v1 cdd') || free.has('v2 nido')).toBe(true);
    const providers = [provider('coop-nido', 'v1', ['nido']), provider('coop-cdd', 'v2', ['cdd'])];
    attachAccreditation({ data, providers });
    const plan = await planWeek({ data, week: data.week }, deps);
    const boarded = new Set(rides(plan, serviceOf));
    expect(boarded.size).toBeGreaterThan(0);
    expect([...boarded].sort()).toEqual(['v1 nido', 'v2 cdd'].filter((x) => boarded.has(x)));
    expect(boarded.has('v1 cdd') || boarded.has('v2 nido')).toBe(false);
  });

  it('a service no provider is accredited for is left unserved, and the plan says which comune and service', async () => {
    const data = tinyWeek();
    const serviceOf = new Map(data.requests.map((r) => [r.id, r.serviceId]));
    const providers = [provider('coop-a', 'v1', ['nido']), provider('coop-b', 'v2', ['nido'])];
    const accreditation = { data, providers };
    attachAccreditation(accreditation);
    const plan = explainAccreditationGaps(await planWeek({ data, week: data.week }, deps), accreditation);
    expect(rides(plan, serviceOf).some((x) => x.endsWith('cdd'))).toBe(false);
    const cdd = plan.unserved.filter((u) => serviceOf.get(u.requestId) === 'cdd');
    const cddTrips = data.requests.filter((r) => r.serviceId === 'cdd').reduce((n, r) => n + r.weekdays.length * 2, 0);
    expect(cdd).toHaveLength(cddTrips);
    for (const u of cdd) {
      expect(u.reason).toBe('NO_ACCREDITED_PROVIDER');
      expect(u.message).toMatch(
        /^no provider's van is accredited for comune (\d{6}|\(unknown\)) and service cdd: accredit a provider/,
      );
    }
    expect(
      plan.unserved
        .filter((u) => serviceOf.get(u.requestId) === 'nido')
        .every((u) => u.reason !== 'NO_ACCREDITED_PROVIDER'),
    ).toBe(true);
  });
});
