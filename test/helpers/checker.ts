/**
 * The independent solution checker (STYLE habit 3). It shares no code with the solver's
 * evaluation: it recomputes distances, walks each route with its reported start-of-service
 * times and lists every broken rule. Two entry points:
 *   - checkBenchmarkSolution: a benchmark file's ORIGINAL data (not the tightened solver
 *     instance) + a solution in the CLI JSON shape;
 *   - checkInstanceSolution: a solver DarpInstance + a DarpSolution (several load
 *     dimensions, features, locks), used by the property tests.
 * Both reduce to one neutral problem: stops identified by numbers, pairs, vehicles.
 */
import type { BenchmarkData, BenchmarkSolution } from '../../solver/index.ts';
import type { DarpInstance, DarpSolution } from '../../solver/index.ts';

export type ViolationKind =
  | 'UNKNOWN_NODE'
  | 'VEHICLE'
  | 'DEPOT'
  | 'VISITED_TWICE'
  | 'NOT_SERVED'
  | 'SPLIT_REQUEST'
  | 'DELIVERY_BEFORE_PICKUP'
  | 'TRAVEL_TIME'
  | 'TIME_WINDOW'
  | 'CAPACITY'
  | 'RIDE_TIME'
  | 'ROUTE_DURATION'
  | 'FLEET_SIZE'
  | 'FEATURE'
  | 'LOCK'
  | 'COST';

export interface Violation {
  kind: ViolationKind;
  message: string;
}

interface CheckStop {
  earliest: number;
  latest: number;
  service: number;
  /** Load change per dimension. */
  load: number[];
}

interface CheckVehicle {
  start: number;
  end: number;
  capacity: number[];
  maxDuration: number;
  features: string[];
}

interface CheckPair {
  pickup: number;
  delivery: number;
  maxRide: number;
  requires: string[];
  lockedVehicle?: number;
}

interface CheckProblem {
  stops: Map<number, CheckStop>;
  pairs: CheckPair[];
  vehicles: CheckVehicle[];
  travel: (from: number, to: number) => number;
  distance: (from: number, to: number) => number;
}

/** Absolute slack for times and loads (floating point), relative slack for the cost. */
export const TIME_EPS = 1e-6;
export const COST_REL_EPS = 1e-6;

const checkProblem = (problem: CheckProblem, solution: BenchmarkSolution): Violation[] => {
  const out: Violation[] = [];
  const add = (kind: ViolationKind, message: string) => out.push({ kind, message });
  const pairOfStop = new Map<number, { pair: CheckPair; isPickup: boolean }>();
  for (const pair of problem.pairs) {
    pairOfStop.set(pair.pickup, { pair, isPickup: true });
    pairOfStop.set(pair.delivery, { pair, isPickup: false });
  }
  const seenAt = new Map<number, { route: number; position: number; start: number }>();
  const usedVehicles = new Set<number>();
  let distance = 0;
  let usedRoutes = 0;

  solution.routes.forEach((route, r) => {
    const vehicle = problem.vehicles[route.vehicle];
    const label = `route ${r} (vehicle ${route.vehicle})`;
    if (!Number.isInteger(route.vehicle) || vehicle === undefined) {
      add('VEHICLE', `${label}: no vehicle with index ${route.vehicle} (fleet of ${problem.vehicles.length})`);
      return;
    }
    if (usedVehicles.has(route.vehicle)) add('VEHICLE', `${label}: vehicle ${route.vehicle} drives two routes`);
    usedVehicles.add(route.vehicle);
    const { stops } = route;
    if (stops.length < 2 || stops[0].node !== vehicle.start || stops[stops.length - 1].node !== vehicle.end) {
      add(
        'DEPOT',
        `${label}: must start at depot ${vehicle.start} and end at depot ${vehicle.end}, got ${stops.map((s) => s.node).join(' ')}`,
      );
      return;
    }
    if (stops.length > 2) usedRoutes++;
    const load = vehicle.capacity.map(() => 0);
    stops.forEach((stop, i) => {
      const isDepot = i === 0 || i === stops.length - 1;
      const spec = isDepot ? problem.stops.get(i === 0 ? vehicle.start : vehicle.end) : problem.stops.get(stop.node);
      const role = isDepot ? undefined : pairOfStop.get(stop.node);
      if (spec === undefined || (!isDepot && role === undefined)) {
        add('UNKNOWN_NODE', `${label}, position ${i}: node ${stop.node} is not a pickup or delivery of this instance`);
        return;
      }
      if (!Number.isFinite(stop.start))
        add('TIME_WINDOW', `${label}, node ${stop.node}: start ${stop.start} is not a number`);
      if (stop.start < spec.earliest - TIME_EPS || stop.start > spec.latest + TIME_EPS) {
        add(
          'TIME_WINDOW',
          `${label}, node ${stop.node}: service starts at ${stop.start}, outside [${spec.earliest}, ${spec.latest}]`,
        );
      }
      if (i > 0) {
        const prev = stops[i - 1];
        const prevService = i - 1 === 0 ? 0 : (problem.stops.get(prev.node)?.service ?? 0);
        const leg = problem.travel(prev.node, stop.node);
        distance += problem.distance(prev.node, stop.node);
        if (stop.start < prev.start + prevService + leg - TIME_EPS) {
          add(
            'TRAVEL_TIME',
            `${label}: node ${stop.node} starts at ${stop.start}, but leaving node ${prev.node} (start ${prev.start} + service ${prevService}) and travelling ${leg} arrives at ${prev.start + prevService + leg}`,
          );
        }
      }
      if (isDepot || role === undefined) return;
      const before = seenAt.get(stop.node);
      if (before !== undefined) {
        add('VISITED_TWICE', `node ${stop.node} is visited in route ${before.route} and again in ${label}`);
        return;
      }
      seenAt.set(stop.node, { route: r, position: i, start: stop.start });
      spec.load.forEach((q, k) => (load[k] += q));
      load.forEach((q, k) => {
        if (q > vehicle.capacity[k] + TIME_EPS) {
          add(
            'CAPACITY',
            `${label}, after node ${stop.node}: load ${q} in dimension ${k} exceeds capacity ${vehicle.capacity[k]}`,
          );
        }
      });
      const { pair } = role;
      if (role.isPickup) {
        if (pair.requires.some((f) => !vehicle.features.includes(f))) {
          add(
            'FEATURE',
            `${label}: request with pickup ${pair.pickup} needs ${pair.requires.join(', ')}; vehicle has ${vehicle.features.join(', ') || 'none'}`,
          );
        }
        if (pair.lockedVehicle !== undefined && pair.lockedVehicle !== route.vehicle) {
          add('LOCK', `${label}: request with pickup ${pair.pickup} is locked to vehicle ${pair.lockedVehicle}`);
        }
        return;
      }
      const pickup = seenAt.get(pair.pickup);
      if (pickup === undefined || pickup.route !== r) {
        add(
          pickup === undefined ? 'DELIVERY_BEFORE_PICKUP' : 'SPLIT_REQUEST',
          `${label}: delivery ${stop.node} without its pickup ${pair.pickup} earlier on the same route`,
        );
        return;
      }
      const pickupService = problem.stops.get(pair.pickup)?.service ?? 0;
      const ride = stop.start - (pickup.start + pickupService);
      if (ride > pair.maxRide + TIME_EPS) {
        add(
          'RIDE_TIME',
          `${label}: request with pickup ${pair.pickup} rides ${ride}, more than the limit ${pair.maxRide}`,
        );
      }
    });
    const duration = stops[stops.length - 1].start - stops[0].start;
    if (duration > vehicle.maxDuration + TIME_EPS) {
      add('ROUTE_DURATION', `${label}: lasts ${duration}, more than the limit ${vehicle.maxDuration}`);
    }
  });

  const unserved = new Set(solution.unserved);
  for (const pair of problem.pairs) {
    const served = seenAt.has(pair.pickup) || seenAt.has(pair.delivery);
    if (served && unserved.has(pair.pickup))
      add('VISITED_TWICE', `request with pickup ${pair.pickup} is both served and listed unserved`);
    if (!served && !unserved.has(pair.pickup))
      add('NOT_SERVED', `request with pickup ${pair.pickup} is neither served nor listed unserved`);
    if (seenAt.has(pair.pickup) && !seenAt.has(pair.delivery)) {
      add('SPLIT_REQUEST', `pickup ${pair.pickup} is visited but its delivery ${pair.delivery} is not`);
    }
  }
  for (const id of unserved) {
    if (!problem.pairs.some((p) => p.pickup === id))
      add('UNKNOWN_NODE', `unserved list names ${id}, which is not a pickup`);
  }
  if (usedRoutes > problem.vehicles.length)
    add('FLEET_SIZE', `${usedRoutes} routes, but the fleet has ${problem.vehicles.length} vehicles`);
  const tolerance = COST_REL_EPS * Math.max(1, Math.abs(distance));
  if (!(Math.abs(solution.cost - distance) <= tolerance)) {
    add('COST', `reported cost ${solution.cost} differs from the recomputed distance ${distance}`);
  }
  return out;
};

/** Checks a CLI-shaped solution against a benchmark file's original data (ids as in the file). */
export const checkBenchmarkSolution = (data: BenchmarkData, solution: BenchmarkSolution): Violation[] => {
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const stops = new Map<number, CheckStop>(
    data.nodes.map((n) => [n.id, { earliest: n.earliestS, latest: n.latestS, service: n.serviceS, load: [n.demand] }]),
  );
  const leg = (a: number, b: number) => {
    const p = nodes.get(a);
    const q = nodes.get(b);
    return p === undefined || q === undefined ? Number.NaN : Math.sqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2);
  };
  const depotStart = data.nodes[data.startDepot];
  const depotEnd = data.nodes[data.endDepot];
  const maxDuration = Math.min(data.maxRouteDurationS, depotEnd.latestS - depotStart.earliestS);
  const vehicles: CheckVehicle[] = Array.from({ length: data.fleetSize }, () => ({
    start: data.startDepot,
    end: data.endDepot,
    capacity: [data.capacity],
    maxDuration,
    features: [],
  }));
  const pairs: CheckPair[] = data.pairs.map((p) => ({ ...p, maxRide: data.maxRideS, requires: [] }));
  return checkProblem({ stops, pairs, vehicles, travel: leg, distance: leg }, solution);
};

/**
 * Checks a solver result on its own instance. Stops get virtual ids: request r's pickup is
 * 2r, its delivery 2r+1; vehicle k's start depot is 2R+2k and its end depot 2R+2k+1.
 * The reported cost compared is the solution's total distance.
 */
export const checkInstanceSolution = (instance: DarpInstance, solution: DarpSolution): Violation[] => {
  const R = instance.requests.length;
  const locOf = new Map<number, number>();
  const stops = new Map<number, CheckStop>();
  const zero = instance.dims.map(() => 0);
  instance.requests.forEach((req, r) => {
    locOf.set(2 * r, req.pickup.loc);
    locOf.set(2 * r + 1, req.delivery.loc);
    const { pickup: p, delivery: d } = req;
    stops.set(2 * r, { earliest: p.earliestS, latest: p.latestS, service: p.serviceS, load: req.load });
    stops.set(2 * r + 1, {
      earliest: d.earliestS,
      latest: d.latestS,
      service: d.serviceS,
      load: req.load.map((q) => -q),
    });
  });
  const vehicles: CheckVehicle[] = instance.vehicles.map((v, k) => {
    locOf.set(2 * R + 2 * k, v.startLoc);
    locOf.set(2 * R + 2 * k + 1, v.endLoc);
    stops.set(2 * R + 2 * k, { earliest: v.shiftStartS, latest: v.shiftEndS, service: 0, load: zero });
    stops.set(2 * R + 2 * k + 1, { earliest: v.shiftStartS, latest: v.shiftEndS, service: 0, load: zero });
    return {
      start: 2 * R + 2 * k,
      end: 2 * R + 2 * k + 1,
      capacity: v.capacity,
      maxDuration: v.maxDurationS,
      features: v.features,
    };
  });
  const pairs: CheckPair[] = instance.requests.map((req, r) => ({
    pickup: 2 * r,
    delivery: 2 * r + 1,
    maxRide: req.maxRideS,
    requires: req.requires,
    lockedVehicle: req.lockedVehicleIdx,
  }));
  const { size } = instance.matrix;
  const cell = (m: Float64Array) => (a: number, b: number) => {
    const from = locOf.get(a);
    const to = locOf.get(b);
    return from === undefined || to === undefined ? Number.NaN : m[from * size + to];
  };
  const shaped: BenchmarkSolution = {
    cost: solution.totals.distanceM,
    unserved: solution.unserved.map((u) => 2 * u.requestIdx),
    seconds: 0,
    routes: solution.routes.map((route) => ({
      vehicle: route.vehicleIdx,
      stops: [
        { node: 2 * R + 2 * route.vehicleIdx, start: route.departureS },
        ...route.visits.map((v) => ({ node: 2 * v.requestIdx + (v.kind === 'pickup' ? 0 : 1), start: v.startS })),
        { node: 2 * R + 2 * route.vehicleIdx + 1, start: route.returnS },
      ],
    })),
  };
  return checkProblem(
    { stops, pairs, vehicles, travel: cell(instance.matrix.durationS), distance: cell(instance.matrix.distanceM) },
    shaped,
  );
};
