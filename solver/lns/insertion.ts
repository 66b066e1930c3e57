/**
 * Pricing the insertion of one request (pickup after position i, delivery after
 * position j ≥ i) into a route. Every (i, j) is priced in O(1) amortised from the
 * route caches with a relaxed check (windows, capacity, the request's own ride
 * time); only the cheapest candidates get the exact schedule check, which also
 * covers the ride times of everyone else aboard and the route duration.
 */
import { deliveryNode, endNode, pickupNode, startNode, type Prepared } from '../model/prepared.ts';
import { earliestSchedule, type Workspace } from '../eval/schedule.ts';
import type { Route } from '../search/route.ts';

const EPS = 1e-9;

export interface Placement {
  cost: number;
  i: number;
  j: number;
}

/** Growable candidate list (cost, i, j) reused across calls. */
export class Candidates {
  cost = new Float64Array(64);
  i = new Int32Array(64);
  j = new Int32Array(64);
  order = new Int32Array(64);
  size = 0;

  push(cost: number, i: number, j: number): void {
    if (this.size === this.cost.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.set(a);
        return b;
      };
      this.cost = grow(this.cost);
      this.i = grow(this.i);
      this.j = grow(this.j);
      this.order = new Int32Array(this.cost.length);
    }
    this.cost[this.size] = cost;
    this.i[this.size] = i;
    this.j[this.size] = j;
    this.size++;
  }
}

/** Price of travelling a → b for vehicle v in objective units. */
export function arcCost(p: Prepared, v: number, a: number, b: number): number {
  const veh = p.inst.vehicles[v];
  const w = p.inst.objective.travel;
  const ab = p.loc[a] * p.size + p.loc[b];
  return w * (veh.costPerM * p.dist[ab] + veh.costPerS * p.dur[ab]);
}

/** Cost independent of the position: opening the vehicle, preferences. */
function fixedPart(p: Prepared, route: Route, r: number): number {
  const req = p.inst.requests[r];
  let c = 0;
  if (route.nodes.length === 0) c += p.inst.objective.vehicleCost + p.inst.vehicles[route.v].fixedCost;
  if (req.preferredVehicleIdx !== undefined && req.preferredVehicleIdx !== route.v)
    c += p.inst.objective.vehicleChangePenalty;
  return c;
}

/**
 * Every relaxed-feasible insertion of r into route, with its estimated added cost. `bounded`
 * keeps only the candidates cheaper than every one before them (the last is the cheapest) and
 * skips the delivery walk of a pickup position whose cost so far already exceeds the cheapest
 * found: the delivery's detour is at least minus the matrix's triangle slack. On long routes
 * most positions are far from the request, and that walk is most of the pricing.
 */
export function relaxedCandidates(p: Prepared, route: Route, r: number, out: Candidates, bounded = false): void {
  out.size = 0;
  const v = route.v;
  if (!p.compatible[r * p.nVeh + v]) return;
  const { early, late, svc, loc, dur, dist, size, load, nDims, cap } = p;
  const E = route.earliest;
  const L = route.latest;
  const rideSlack = route.rideSlack;
  const durSlack = route.durationSlack + EPS;
  const la = route.loadAfter;
  const nodes = route.nodes;
  const len = nodes.length;
  const pn = pickupNode(r);
  const dn = deliveryNode(r);
  const s0 = startNode(p, v);
  const e0 = endNode(p, v);
  const veh = p.inst.vehicles[v];
  const wM = p.inst.objective.travel * veh.costPerM;
  const wS = p.inst.objective.travel * veh.costPerS;
  const maxRide = p.maxRide[r];
  const base = fixedPart(p, route, r);
  const target = p.inst.requests[r].targetPickupS;
  const devW = p.inst.objective.timeDeviationPerS;
  for (let d = 0; d < nDims; d++) if (load[pn * nDims + d] > cap[v * nDims + d]) return;
  const first = p.prefix[v].length;
  const lp = loc[pn];
  const ld = loc[dn];
  const tPD = dur[lp * size + ld];
  const cPD = wM * dist[lp * size + ld] + wS * tPD;
  const sP = svc[pn];
  const sD = svc[dn];
  const eP = early[pn];
  const lP = late[pn];
  const eD = early[dn];
  const lD = late[dn];
  const single = nDims === 1;
  // Infinity while unbounded: every candidate is kept.
  let bound = Infinity;
  const slack = wM * p.slackDist + wS * p.slackDur + EPS;
  const q0 = load[pn * nDims];
  const cap0 = cap[v * nDims];
  // Earliest and latest times never decrease along a route: positions whose earliest time is
  // past the pickup's window, or whose next stop must be left before the pickup can even
  // start, cannot hold it. Two binary searches skip them (most positions of a long route).
  let lo = first;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (L[mid + 1] + EPS < eP + sP) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = len;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (E[mid] > lP + EPS) hi = mid - 1;
    else lo = mid;
  }
  const to = E[lo] > lP + EPS ? lo - 1 : lo;
  let xi = s0;
  for (let i = from; i <= to; i++) {
    xi = i === 0 ? s0 : nodes[i - 1];
    const xi1 = i === len ? e0 : nodes[i];
    let ok = true;
    if (single) ok = la[i] + q0 <= cap0 + EPS;
    else
      for (let d = 0; d < nDims; d++)
        if (la[i * nDims + d] + load[pn * nDims + d] > cap[v * nDims + d] + EPS) ok = false;
    if (!ok) continue;
    const li = loc[xi];
    const li1 = loc[xi1];
    const arrP = E[i] + svc[xi] + dur[li * size + lp];
    const aP = arrP > eP ? arrP : eP;
    if (aP > lP + EPS) continue;
    // Detour on arc i: it lengthens the ride of everyone aboard there, and the route.
    const tCut = dur[li * size + li1];
    const detourP = dur[li * size + lp] + sP + dur[lp * size + li1] - tCut;
    if (detourP > rideSlack[i] + EPS || detourP > durSlack) continue;
    const cutI = wM * dist[li * size + li1] + wS * tCut;
    let costP = base + wM * dist[li * size + lp] + wS * dur[li * size + lp] - cutI;
    if (target !== undefined && devW > 0 && aP > target) costP += devW * (aP - target);
    // The pickup may start later than aP (waiting shortens the ride), but never after lP.
    let rideLimit = lP + sP + maxRide;
    // Delivery right after the pickup.
    {
      const arrD = aP + sP + tPD;
      const aD = arrD > eD ? arrD : eD;
      const detour = dur[li * size + lp] + sP + tPD + sD + dur[ld * size + li1] - tCut;
      if (
        aD <= lD + EPS &&
        aD <= rideLimit + EPS &&
        aD + sD + dur[ld * size + li1] <= L[i + 1] + EPS &&
        detour <= rideSlack[i] + EPS &&
        detour <= durSlack
      ) {
        const c = costP + cPD + wM * dist[ld * size + li1] + wS * dur[ld * size + li1];
        if (c < bound) {
          out.push(c, i, i);
          if (bounded) bound = c;
        }
      }
    }
    if (i === len) continue;
    // Delivery further on: walk j, pushing the earliest times forward.
    let tj = aP + sP + dur[lp * size + li1];
    if (tj < E[i + 1]) tj = E[i + 1];
    if (tj > L[i + 1] + EPS) continue;
    const latestPick = L[i + 1] - sP - dur[lp * size + li1];
    if (latestPick < lP) rideLimit = latestPick + sP + maxRide;
    const costPick = costP + wM * dist[lp * size + li1] + wS * dur[lp * size + li1];
    if (costPick - slack > bound) continue;
    // The passenger's own ride is at least the no-wait path from pickup to delivery.
    let pathDur = dur[lp * size + li1];
    let xj = xi1;
    for (let j = i + 1; j <= len; j++) {
      if (j > i + 1) {
        const xp = xj;
        xj = nodes[j - 1];
        const leg = svc[xp] + dur[loc[xp] * size + loc[xj]];
        pathDur += leg;
        if (pathDur > maxRide + EPS) break;
        const a = tj + leg;
        tj = a > E[j] ? a : E[j];
        if (tj > L[j] + EPS) break;
      }
      let fits = true;
      if (single) fits = la[j] + q0 <= cap0 + EPS;
      else
        for (let d = 0; d < nDims; d++)
          if (la[j * nDims + d] + load[pn * nDims + d] > cap[v * nDims + d] + EPS) fits = false;
      if (!fits) break;
      const lj = loc[xj];
      const depJ = tj + svc[xj];
      if (depJ > rideLimit + EPS) break;
      const arrD = depJ + dur[lj * size + ld];
      const aD = arrD > eD ? arrD : eD;
      if (aD > lD + EPS) {
        if (tj > lD) break;
        continue;
      }
      if (aD > rideLimit + EPS) continue;
      if (pathDur + svc[xj] + dur[lj * size + ld] > maxRide + EPS) continue;
      const xj1 = j === len ? e0 : nodes[j];
      const lj1 = loc[xj1];
      const detourD = dur[lj * size + ld] + sD + dur[ld * size + lj1] - dur[lj * size + lj1];
      if (detourD > rideSlack[j] + EPS || detourP + detourD > durSlack) continue;
      if (aD + sD + dur[ld * size + lj1] > L[j + 1] + EPS) continue;
      const c =
        costPick +
        wM * (dist[lj * size + ld] + dist[ld * size + lj1] - dist[lj * size + lj1]) +
        wS * (dur[lj * size + ld] + dur[ld * size + lj1] - dur[lj * size + lj1]);
      if (c < bound) {
        out.push(c, i, j);
        if (bounded) bound = c;
      }
    }
  }
}

/** Lays out route with r inserted at (i, j) into ws.nodes; returns the position count. */
export function layoutInsert(p: Prepared, route: Route, r: number, i: number, j: number, ws: Workspace): number {
  const nodes = ws.nodes;
  const seq = route.nodes;
  let k = 0;
  nodes[k++] = startNode(p, route.v);
  for (let a = 0; a < i; a++) nodes[k++] = seq[a];
  nodes[k++] = pickupNode(r);
  for (let a = i; a < j; a++) nodes[k++] = seq[a];
  nodes[k++] = deliveryNode(r);
  for (let a = j; a < seq.length; a++) nodes[k++] = seq[a];
  nodes[k++] = endNode(p, route.v);
  return k;
}

/** Exact feasibility of inserting r at (i, j) (capacity was checked by the relaxed pass). */
export function insertionFeasible(p: Prepared, route: Route, r: number, i: number, j: number, ws: Workspace): boolean {
  const n = layoutInsert(p, route, r, i, j, ws);
  return earliestSchedule(p, route.v, n, ws, ws.times);
}

/** Sorts the candidate indices by cost into out.order. */
function sortCandidates(out: Candidates): void {
  const order = out.order;
  for (let k = 0; k < out.size; k++) order[k] = k;
  const cost = out.cost;
  const view = order.subarray(0, out.size);
  view.sort((a, b) => cost[a] - cost[b]);
}

/**
 * Cheapest exactly-feasible insertion of r into route, or null. Candidates are
 * tried cheapest first; the exact check stops at the first that passes.
 */
export function bestInsertion(p: Prepared, route: Route, r: number, ws: Workspace, cand: Candidates): Placement | null {
  // The cheapest relaxed candidate alone first (usually exactly feasible); all of them only if not.
  relaxedCandidates(p, route, r, cand, true);
  if (cand.size === 0) return null;
  const k = cand.size - 1;
  if (insertionFeasible(p, route, r, cand.i[k], cand.j[k], ws))
    return { cost: cand.cost[k], i: cand.i[k], j: cand.j[k] };
  relaxedCandidates(p, route, r, cand);
  return cheapestFeasible(p, route, r, ws, cand);
}

/**
 * The cheapest exactly-feasible candidate of `cand`, which must hold the relaxed candidates
 * of r for this very visit order (a caller that priced an identical order already passes them).
 */
export function cheapestFeasible(
  p: Prepared,
  route: Route,
  r: number,
  ws: Workspace,
  cand: Candidates,
): Placement | null {
  if (cand.size === 0) return null;
  // Cheapest first without a full sort when the best one is feasible (the usual case).
  let best = 0;
  for (let k = 1; k < cand.size; k++) if (cand.cost[k] < cand.cost[best]) best = k;
  if (insertionFeasible(p, route, r, cand.i[best], cand.j[best], ws))
    return { cost: cand.cost[best], i: cand.i[best], j: cand.j[best] };
  sortCandidates(cand);
  for (let k = 0; k < cand.size; k++) {
    const c = cand.order[k];
    if (c === best) continue;
    if (insertionFeasible(p, route, r, cand.i[c], cand.j[c], ws))
      return { cost: cand.cost[c], i: cand.i[c], j: cand.j[c] };
  }
  return null;
}

/** Apply an insertion to the route's order (caches must be refreshed by the caller). */
export function applyInsertion(route: Route, r: number, i: number, j: number): void {
  route.nodes.splice(j, 0, deliveryNode(r));
  route.nodes.splice(i, 0, pickupNode(r));
}
