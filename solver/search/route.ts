/**
 * One vehicle's working route: the ordered request nodes plus caches that let a
 * move be priced without walking the route — relaxed earliest/latest start
 * times (windows only), the load after each position and the travel cost.
 * Caches are replaced (never mutated) on update, so cloned routes share them.
 */
import { endNode, startNode, type Prepared } from '../model/prepared.ts';
import { delayLoadedBlocks, earliestSchedule, layout, type Workspace } from '../eval/schedule.ts';

/** The caches of a route not yet updated (shared: caches are replaced, never written into). */
const NONE = new Float64Array(0);

export class Route {
  nodes: number[];
  earliest: Float64Array = NONE;
  latest: Float64Array = NONE;
  loadAfter: Float64Array = NONE;
  /**
   * Per arc (k, k+1): how much longer the no-wait path of every passenger aboard
   * on that arc may get before some ride-time limit must break (a detour inserted
   * on the arc lengthens it by exactly the detour).
   */
  rideSlack: Float64Array = NONE;
  /** Route duration limit minus the no-wait duration (travel + service). */
  durationSlack = Infinity;
  /** Exact start-of-service times (after delaying loaded blocks when the objective cares). */
  times: Float64Array = NONE;
  feasible = true;
  cost = 0;
  distanceM = 0;
  durationS = 0;

  constructor(
    readonly v: number,
    nodes: number[] = [],
  ) {
    this.nodes = nodes;
  }

  clone(): Route {
    const r = new Route(this.v, this.nodes.slice());
    r.earliest = this.earliest;
    r.latest = this.latest;
    r.loadAfter = this.loadAfter;
    r.rideSlack = this.rideSlack;
    r.durationSlack = this.durationSlack;
    r.times = this.times;
    r.feasible = this.feasible;
    r.cost = this.cost;
    r.distanceM = this.distanceM;
    r.durationS = this.durationS;
    return r;
  }

  /** Node at position k (0 = start depot, len+1 = end depot). */
  at(p: Prepared, k: number): number {
    if (k === 0) return startNode(p, this.v);
    if (k === this.nodes.length + 1) return endNode(p, this.v);
    return this.nodes[k - 1];
  }

  /** Recompute the caches; `refine` also delays loaded blocks (needed when times are priced or reported). */
  update(p: Prepared, ws: Workspace, refine = p.timesMatter): void {
    const n = this.nodes.length + 2;
    const { nDims } = p;
    // One backing store for the five caches: each typed array of its own is a separate
    // allocation outside the heap, and a search makes one update per move.
    const store = new Float64Array(n * (4 + nDims));
    this.fillRelaxed(
      p,
      ws,
      store.subarray(0, n),
      store.subarray(n, 2 * n),
      store.subarray(3 * n, (3 + nDims) * n),
      store.subarray(2 * n, 3 * n),
    );
    const len = this.nodes.length;
    const nodes = this.nodes;
    const la = this.loadAfter;
    const m = layout(p, this.v, nodes, len, ws);
    const B = store.subarray((3 + nDims) * n);
    this.feasible = earliestSchedule(p, this.v, m, ws, B);
    if (this.feasible) {
      const cap = p.cap;
      for (let k = 1; k < n - 1 && this.feasible; k++) {
        for (let d = 0; d < nDims; d++) if (la[k * nDims + d] > cap[this.v * nDims + d] + 1e-9) this.feasible = false;
      }
    }
    if (refine && this.feasible && len > 0) delayLoadedBlocks(p, m, ws, B);
    this.times = B;
    this.durationS = len > 0 ? B[n - 1] - B[0] : 0;
    this.cost = len === 0 ? 0 : routeCost(p, this);
  }

  /**
   * Only the caches the relaxed insertion check reads (earliest, latest, load, ride and
   * duration slack), written into this route's own arrays while they are large enough.
   * For a scratch route that is priced and thrown away, never cloned (clones share arrays):
   * ruling out a trial this way costs no allocation and no exact schedule.
   */
  updateRelaxed(p: Prepared, ws: Workspace): void {
    const n = this.nodes.length + 2;
    if (this.earliest.length < n) {
      const room = 2 * n;
      this.earliest = new Float64Array(room);
      this.latest = new Float64Array(room);
      this.loadAfter = new Float64Array(room * p.nDims);
      this.rideSlack = new Float64Array(room);
    }
    this.fillRelaxed(p, ws, this.earliest, this.latest, this.loadAfter, this.rideSlack);
  }

  /** Fills the first length + 2 entries of E, L, load after and ride slack (ws.times is scratch). */
  private fillRelaxed(
    p: Prepared,
    ws: Workspace,
    E: Float64Array,
    L: Float64Array,
    la: Float64Array,
    slack: Float64Array,
  ): void {
    const { early, late, svc, loc, dur, dist, size, load, nDims } = p;
    const len = this.nodes.length;
    const n = len + 2;
    const nodes = this.nodes;
    const s0 = startNode(p, this.v);
    E[0] = early[s0];
    // Nothing aboard at the depots (the loop below writes only the visits).
    for (let d = 0; d < nDims; d++) la[d] = la[(n - 1) * nDims + d] = 0;
    // No-wait departure offsets alongside (for the ride slack below).
    const noWait = ws.times;
    noWait[0] = 0;
    let prev = s0;
    let distance = 0;
    for (let k = 1; k < n; k++) {
      const node = k === n - 1 ? endNode(p, this.v) : nodes[k - 1];
      const leg = loc[prev] * size + loc[node];
      const a = E[k - 1] + svc[prev] + dur[leg];
      E[k] = a > early[node] ? a : early[node];
      noWait[k] = noWait[k - 1] + dur[leg] + svc[node];
      distance += dist[leg];
      if (k < n - 1)
        for (let d = 0; d < nDims; d++) la[k * nDims + d] = la[(k - 1) * nDims + d] + load[node * nDims + d];
      prev = node;
    }
    let next = endNode(p, this.v);
    L[n - 1] = late[next];
    for (let k = n - 2; k >= 0; k--) {
      const node = k === 0 ? s0 : nodes[k - 1];
      const b = L[k + 1] - svc[node] - dur[loc[node] * size + loc[next]];
      L[k] = b < late[node] ? b : late[node];
      next = node;
    }
    const durationSlack = p.inst.vehicles[this.v].maxDurationS - noWait[n - 1];
    // A ride room at least the duration slack never binds: every detour is checked against
    // both. Skipping those keeps this pass short where ride limits are loose (Li & Lim has none).
    slack.fill(Infinity, 0, n);
    const pickPos = ws.pos;
    for (let k = 1; k < n - 1; k++) {
      const node = nodes[k - 1];
      if ((node & 1) === 0) pickPos[node >> 1] = k;
      else {
        const a = pickPos[node >> 1];
        pickPos[node >> 1] = -1;
        if (a < 0) continue;
        const room = p.maxRide[node >> 1] - (noWait[k] - svc[node] - noWait[a]);
        if (room >= durationSlack) continue;
        for (let arc = a; arc < k; arc++) if (room < slack[arc]) slack[arc] = room;
      }
    }
    for (const node of nodes) pickPos[node >> 1] = -1;
    this.rideSlack = slack;
    this.durationSlack = durationSlack;
    this.earliest = E;
    this.latest = L;
    this.loadAfter = la;
    this.distanceM = distance;
  }
}

/** Objective contribution of a non-empty route (see docs/solver.md). */
function routeCost(p: Prepared, route: Route): number {
  const inst = p.inst;
  const w = inst.objective;
  const veh = inst.vehicles[route.v];
  let c = w.vehicleCost + veh.fixedCost + w.travel * (veh.costPerS * route.durationS + veh.costPerM * route.distanceM);
  const needsTimes = w.excessRidePerS > 0 || w.waitAboardPerS > 0 || w.timeDeviationPerS > 0;
  const B = route.times;
  const nodes = route.nodes;
  const pickAt = needsTimes ? new Map<number, number>() : null;
  let onBoard = 0;
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    const r = node >> 1;
    const req = inst.requests[r];
    if ((node & 1) === 0) {
      if (req.preferredVehicleIdx !== undefined && req.preferredVehicleIdx !== route.v) c += w.vehicleChangePenalty;
      if (req.targetPickupS !== undefined) c += w.timeDeviationPerS * Math.abs(B[k + 1] - req.targetPickupS);
    }
    if (!needsTimes || !pickAt) continue;
    if (onBoard > 0 && w.waitAboardPerS > 0) {
      const prev = k === 0 ? startNode(p, route.v) : nodes[k - 1];
      const wait = B[k + 1] - (B[k] + p.svc[prev] + p.dur[p.loc[prev] * p.size + p.loc[node]]);
      if (wait > 0) c += w.waitAboardPerS * wait;
    }
    if ((node & 1) === 0) {
      pickAt.set(r, B[k + 1]);
      onBoard++;
    } else {
      const start = pickAt.get(r) ?? B[k + 1];
      const excess = B[k + 1] - (start + p.svc[node - 1]) - p.direct[r];
      if (excess > 0) c += w.excessRidePerS * excess;
      onBoard--;
    }
  }
  return c;
}
