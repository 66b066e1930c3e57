/**
 * Whether a provider is accredited for a trip: its restriction to comuni (the passenger's home
 * comune, ISTAT code) and to services (the trip's service). An empty list means no restriction.
 * The planner keeps a provider's vans to the trips it is accredited for, the run report lists
 * what lies outside, and a catalogue booking is priced at the accredited providers' tariffs.
 */
import type { Provider } from '../contract/programme.ts';

export interface TripAccreditation {
  /** ISTAT code of the passenger's home comune, when known. */
  istatCode: string | null;
  serviceId: string | null;
}

/** Why `provider` may not carry the trip, or null when it may. */
export function outsideAccreditation(provider: Provider, trip: TripAccreditation): string | null {
  if (provider.comuni.length > 0 && !provider.comuni.includes(trip.istatCode ?? ''))
    return "comune outside the provider's area";
  if (provider.serviceIds.length > 0 && trip.serviceId && !provider.serviceIds.includes(trip.serviceId))
    return "service not among the provider's";
  return null;
}
