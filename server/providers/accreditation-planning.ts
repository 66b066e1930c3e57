/**
 * Providers' accreditation enforced by the planner, through the run-attributes hook
 * (server/planning/run-attributes.ts) and the solver's feature compatibility: each trip requires
 * the feature `accredited:<comune>|<service>` (the passenger's home comune, the request's service),
 * and each run's van has that feature for every pair its provider is accredited for
 * (accreditation.ts). A van that belongs to no provider (the service's own fleet) carries any
 * trip. With no provider restricted to comuni or services nothing is attached and planning is
 * unchanged. A trip no accredited van can carry is left unserved and reported with
 * `accreditationGap` (which comune and service no provider covers).
 */
import type { Scenario } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import type { Provider } from '../contract/programme.ts';
import { locate } from '../geo/index.ts';
import { attachRunAttributes } from '../planning/run-attributes.ts';
import { outsideAccreditation } from './accreditation.ts';

const featureOf = (istatCode: string | null, serviceId: string) => `accredited:${istatCode ?? ''}|${serviceId}`;

export interface AccreditationData {
  data: Pick<Scenario, 'households' | 'passengers' | 'requests' | 'vehicles'>;
  providers: readonly Provider[];
}

/** The comune of each passenger's home (its stored ISTAT code, else where it lies). */
function homeComuni(data: AccreditationData['data']): Map<string, string | null> {
  const households = new Map(data.households.map((h) => [h.id, h]));
  return new Map(
    data.passengers.map((p) => {
      const home = p.home ?? households.get(p.householdId)?.home;
      return [p.id, home ? (home.istatCode ?? locate(home.lon, home.lat)?.istatCode ?? null) : null];
    }),
  );
}

/** Whether any provider is restricted (else nothing is enforced). */
export const anyRestriction = (providers: readonly Provider[]): boolean =>
  providers.some((p) => p.comuni.length > 0 || p.serviceIds.length > 0);

/** Attaches the accreditation to the week's vehicles (see the header); no-op without restrictions. */
export function attachAccreditation({ data, providers }: AccreditationData): void {
  if (!anyRestriction(providers)) return;
  const comune = homeComuni(data);
  const serviceOfRequest = new Map(data.requests.map((r) => [r.id, r.serviceId]));
  const providerOf = new Map<string, Provider>();
  for (const p of providers) for (const v of p.vehicleIds) providerOf.set(v, p);
  // every (comune, service) pair the week's requests can need
  const pairs = new Map<string, { istatCode: string | null; serviceId: string }>();
  for (const r of data.requests) {
    const istatCode = comune.get(r.passengerId) ?? null;
    pairs.set(featureOf(istatCode, r.serviceId), { istatCode, serviceId: r.serviceId });
  }
  const featuresOf = new Map<string, string[]>();
  for (const v of data.vehicles) {
    const provider = providerOf.get(v.id);
    featuresOf.set(
      v.id,
      [...pairs].filter(([, pair]) => !provider || !outsideAccreditation(provider, pair)).map(([f]) => f),
    );
  }
  attachRunAttributes(data.vehicles, {
    forRuns: (_date, _part, runs) => runs.map((r) => ({ features: featuresOf.get(r.vehicle.id) ?? [], seatsTaken: 0 })),
    requires: (trip) => {
      const serviceId = serviceOfRequest.get(trip.requestId.replace(/\.leg\d+$/, ''));
      return serviceId ? [featureOf(comune.get(trip.passenger.id) ?? null, serviceId)] : [];
    },
  });
}

/**
 * Why a trip of `passengerId` to `serviceId` has no van it may ride: no provider (and no van of
 * the service's own) is accredited for its comune and service; null when some van may carry it.
 */
export function accreditationGap(
  { data, providers }: AccreditationData,
  passengerId: string,
  serviceId: string,
): string | null {
  if (!anyRestriction(providers)) return null;
  const istatCode = homeComuni(data).get(passengerId) ?? null;
  const providerOf = new Map<string, Provider>();
  for (const p of providers) for (const v of p.vehicleIds) providerOf.set(v, p);
  const carries = data.vehicles.some((v) => {
    const p = providerOf.get(v.id);
    return !p || !outsideAccreditation(p, { istatCode, serviceId });
  });
  return carries
    ? null
    : `no provider's van is accredited for comune ${istatCode ?? '(unknown)'} and service ${serviceId}: accredit a provider for them, or add a van of the service's own`;
}

/** The plan's unserved trips that no accredited van may carry, with that as their message. */
export function explainAccreditationGaps(plan: Plan, accreditation: AccreditationData): Plan {
  if (!anyRestriction(accreditation.providers)) return plan;
  const serviceOf = new Map(accreditation.data.requests.map((r) => [r.id, r.serviceId]));
  return {
    ...plan,
    unserved: plan.unserved.map((u) => {
      const serviceId = serviceOf.get(u.requestId.replace(/\.leg\d+$/, ''));
      const gap = serviceId ? accreditationGap(accreditation, u.passengerId, serviceId) : null;
      return gap ? { ...u, reason: 'NO_ACCREDITED_PROVIDER', message: gap } : u;
    }),
  };
}
