/**
 * Planning zones of the province-wide scale scenario: the 135 comuni cut into compact groups of
 * about equal population, one per ~1,000 passengers, each with its own depot, vehicles and
 * drivers — as social transport is organised by area (the province's ambiti each run their own
 * service), and so that a 10,000-passenger week becomes several weeks of the size one flow job
 * can solve. The zones are synthetic (recursive bisection of the comuni's centres along the
 * longer side, cut at the population's weighted share), not the real ambiti, whose membership is
 * not in fixtures/. `splitByZone` cuts a generated scenario into the zones' own scenarios.
 */
import type { Scenario } from '../contract/domain.ts';
import type { ProvinceMunicipality } from '../geo/province-municipalities.ts';

export interface Zone {
  id: string;
  comuni: ProvinceMunicipality[];
}

/** About this many passengers per zone. */
export const PASSENGERS_PER_ZONE = 1000;

export const zoneCount = (passengers: number): number => Math.max(1, Math.round(passengers / PASSENGERS_PER_ZONE));

const KM_PER_DEG_LAT = 111.32;

function bisect(comuni: ProvinceMunicipality[], k: number): ProvinceMunicipality[][] {
  if (k <= 1 || comuni.length <= 1) return [comuni];
  const lats = comuni.map((m) => m.centre.lat);
  const lons = comuni.map((m) => m.centre.lon);
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
  const byLat =
    (Math.max(...lats) - Math.min(...lats)) * KM_PER_DEG_LAT >= (Math.max(...lons) - Math.min(...lons)) * kmPerDegLon;
  const key = (m: ProvinceMunicipality): number => (byLat ? m.centre.lat : m.centre.lon);
  const sorted = [...comuni].sort((a, b) => key(a) - key(b) || a.istatCode.localeCompare(b.istatCode));
  const k1 = Math.floor(k / 2);
  const target = (sorted.reduce((s, m) => s + m.population, 0) * k1) / k;
  let cut = 0;
  for (let acc = 0; cut < sorted.length - 1 && acc + sorted[cut].population / 2 < target; cut++)
    acc += sorted[cut].population;
  cut = Math.min(Math.max(cut, 1), sorted.length - 1);
  return [...bisect(sorted.slice(0, cut), k1), ...bisect(sorted.slice(cut), k - k1)];
}

/** The comuni in `count` zones, ids z01, z02 … (south-west first), each zone's comuni by ISTAT code. */
export function provinceZones(comuni: ProvinceMunicipality[], count: number): Zone[] {
  return bisect(comuni, Math.min(count, comuni.length)).map((group, i) => ({
    id: `z${String(i + 1).padStart(2, '0')}`,
    comuni: [...group].sort((a, b) => a.istatCode.localeCompare(b.istatCode)),
  }));
}

/**
 * A province scenario cut into one scenario per zone: a household belongs to the zone of its
 * home's comune, a vehicle to its depot's, a driver to the zone of the vehicles they drive; each
 * zone keeps the services its requests name (a passenger may attend a service in a neighbouring
 * zone, brought there by their own zone's vans).
 */
export function splitByZone(scenario: Scenario, zones: Zone[]): Array<{ zone: Zone; scenario: Scenario }> {
  const zoneOf = new Map(zones.flatMap((z) => z.comuni.map((m) => [m.istatCode, z.id] as const)));
  const placeZone = (code: string | undefined, what: string): string => {
    const z = code === undefined ? undefined : zoneOf.get(code);
    if (!z) throw new Error(`${what}: its place is in no zone (istatCode ${code})`);
    return z;
  };
  const householdZone = new Map(scenario.households.map((h) => [h.id, placeZone(h.home.istatCode, h.id)]));
  const passengerZone = new Map(scenario.passengers.map((p) => [p.id, householdZone.get(p.householdId)]));
  const vehicleZone = new Map(scenario.vehicles.map((v) => [v.id, placeZone(v.depot.istatCode, v.id)]));
  return zones.map((zone) => {
    const requests = scenario.requests.filter((r) => passengerZone.get(r.passengerId) === zone.id);
    const used = new Set(requests.map((r) => r.serviceId));
    const vehicles = scenario.vehicles.filter((v) => vehicleZone.get(v.id) === zone.id);
    const ownVehicle = new Set(vehicles.map((v) => v.id));
    return {
      zone,
      scenario: {
        ...scenario,
        name: `${scenario.name}, zone ${zone.id}`,
        services: scenario.services.filter((s) => used.has(s.id)),
        households: scenario.households.filter((h) => householdZone.get(h.id) === zone.id),
        passengers: scenario.passengers.filter((p) => passengerZone.get(p.id) === zone.id),
        requests,
        vehicles,
        drivers: scenario.drivers.filter((d) => d.vehicleIds.some((id) => ownVehicle.has(id))),
      },
    };
  });
}
