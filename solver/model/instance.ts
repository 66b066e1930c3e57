/**
 * The solver's input and output shapes: a dial-a-ride instance in solver units
 * (seconds from the start of the day, metres, location indices into one matrix).
 * Nothing here knows about households, municipalities or ISO dates: the server
 * translates its domain into this and back (see server/planning/).
 */

/** Square travel matrices over `size` locations, row-major: m[from * size + to]. */
export interface TravelMatrix {
  size: number;
  durationS: Float64Array;
  distanceM: Float64Array;
}

/** One end of a request: where, when service may start, how long it takes. */
export interface StopSpec {
  loc: number;
  /** Window for the start of service, seconds from the start of the day. */
  earliestS: number;
  latestS: number;
  serviceS: number;
}

export interface RequestSpec {
  /** Opaque id carried through to the result (the server's requestId + date). */
  id: string;
  pickup: StopSpec;
  delivery: StopSpec;
  /** One entry per capacity dimension (e.g. [seats, wheelchairPlaces]). */
  load: number[];
  /** Max time from end of service at pickup to start of service at delivery. */
  maxRideS: number;
  /** Feature names every vehicle serving this request must have (e.g. 'lift'). */
  requires: string[];
  /** Hard lock: only this vehicle may serve the request. */
  lockedVehicleIdx?: number;
  /** Soft preferences (continuity, stable re-planning); penalised by the objective. */
  preferredVehicleIdx?: number;
  /** Target start of service at the pickup; deviation is penalised per second. */
  targetPickupS?: number;
}

export interface VehicleSpec {
  id: string;
  capacity: number[];
  features: string[];
  startLoc: number;
  endLoc: number;
  /** Shift: leave the start depot no earlier than, reach the end depot no later than. */
  shiftStartS: number;
  shiftEndS: number;
  /** Max (arrival at end depot − departure from start depot). */
  maxDurationS: number;
  fixedCost: number;
  costPerS: number;
  costPerM: number;
  /**
   * Locked route prefix, in order: these visits stay first on this vehicle.
   * Each entry is a request index and which end of it.
   */
  lockedPrefix?: Array<{ requestIdx: number; kind: 'pickup' | 'delivery' }>;
}

/** Lexicographic objective expressed through weights (documented in README). */
export interface ObjectiveWeights {
  unservedPenalty: number;
  /** Added per used vehicle on top of the vehicle's fixedCost. */
  vehicleCost: number;
  /** Weight of the vehicle cost terms (costPerS × duration + costPerM × distance). */
  travel: number;
  /** Per second of excess ride time (ride − direct) summed over passengers. */
  excessRidePerS: number;
  /** Per second a vehicle waits with passengers aboard. */
  waitAboardPerS: number;
  /** Per request served by a vehicle other than its preferredVehicleIdx. */
  vehicleChangePenalty: number;
  /** Per second of |pickup start − targetPickupS|. */
  timeDeviationPerS: number;
}

export interface DarpInstance {
  name: string;
  dims: string[];
  matrix: TravelMatrix;
  requests: RequestSpec[];
  vehicles: VehicleSpec[];
  objective: ObjectiveWeights;
}

export interface PlannedVisit {
  requestIdx: number;
  kind: 'pickup' | 'delivery';
  loc: number;
  arrivalS: number;
  /** Start of service. */
  startS: number;
  departureS: number;
  /** Load on board after this visit, per dimension. */
  loadAfter: number[];
}

export interface PlannedRoute {
  vehicleIdx: number;
  departureS: number;
  returnS: number;
  visits: PlannedVisit[];
  distanceM: number;
  durationS: number;
}

export type UnservedReason =
  | 'TIME_WINDOW'
  | 'CAPACITY'
  | 'RIDE_TIME'
  | 'ROUTE_DURATION'
  | 'SHIFT'
  | 'NO_COMPATIBLE_VEHICLE'
  | 'LOCK'
  | 'NO_ROOM';

export interface UnservedRequest {
  requestIdx: number;
  reason: UnservedReason;
  message: string;
}

export interface DarpSolution {
  routes: PlannedRoute[];
  unserved: UnservedRequest[];
  cost: number;
  totals: { distanceM: number; durationS: number; vehicles: number; excessRideS: number; waitAboardS: number };
}

export interface SolveProgress {
  elapsedMs: number;
  iteration: number;
  bestCost: number;
}

export interface SolveOptions {
  seed: number;
  /** Wall-clock budget, measured with `now`. */
  timeLimitMs?: number;
  maxIterations?: number;
  /** Clock injected by the caller (the solver never reads the time itself). */
  now: () => number;
  onProgress?: (p: SolveProgress) => void;
  signal?: AbortSignal;
  /** Warm start: routes as ordered visit lists per vehicle. */
  initial?: Array<{ vehicleIdx: number; visits: Array<{ requestIdx: number; kind: 'pickup' | 'delivery' }> }>;
}

/** One visit of a fixed route order, as callers pass it (plan editing, warm starts). */
export interface VisitRef {
  requestIdx: number;
  kind: 'pickup' | 'delivery';
}

export type RouteViolationCode = UnservedReason | 'PRECEDENCE';

export interface RouteViolation {
  code: RouteViolationCode;
  requestIdx?: number;
  message: string;
}

/** Result of scheduling a fixed order: the best-effort schedule and everything it breaks. */
export interface RouteEvaluation {
  feasible: boolean;
  violations: RouteViolation[];
  route: PlannedRoute;
}

/** One feasible way to add a request to a fixed set of routes. */
export interface InsertionOption {
  vehicleIdx: number;
  /** Index in the vehicle's visit list where the pickup goes (0 = first visit). */
  pickupPos: number;
  /** Index in the new visit list (pickup included) where the delivery goes. */
  deliveryPos: number;
  addedCost: number;
  pickupStartS: number;
  deliveryStartS: number;
  route: PlannedRoute;
}

export interface InsertionOptionsResult {
  options: InsertionOption[];
  /** When no option exists: the constraint that blocked the request. */
  reason?: UnservedReason;
  message?: string;
}
