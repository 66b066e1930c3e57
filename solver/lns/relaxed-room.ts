/**
 * A one-pass test of whether `relaxedCandidates` would find any place for a
 * request in a route. The ejection pool tries hundreds of thousands of trial
 * routes on long-route instances and almost none leaves room (about 1 in 750 on
 * Li & Lim lr2_4_3), so ruling them out in O(length) instead of the O(length²)
 * pair enumeration is where its time goes.
 *
 * It walks the delivery position once, keeping the pickups still open before
 * it summarised by their most favourable values (earliest arrival, shortest own
 * path, latest ride limit, smallest pickup detour). Each check of
 * relaxedCandidates is applied to that summary, so a "no" here is a "no" there
 * (a necessary condition); a "yes" may rarely be optimistic, and the caller then
 * enumerates as before. Decisions are unchanged; only time is saved.
 */
import { deliveryNode, endNode, pickupNode, startNode, type Prepared } from '../model/prepared.ts';
import type { Route } from '../search/route.ts';

const EPS = 1e-9;

/** False only when relaxedCandidates(p, route, r) would return no candidate. */
export function hasRelaxedRoom(p: Prepared, route: Route, r: number): boolean {
  const v = route.v;
  if (!p.compatible[r * p.nVeh + v]) return false;
  const { early, late, svc, loc, dur, size, load, nDims, cap } = p;
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
  const maxRide = p.maxRide[r];
  for (let d = 0; d < nDims; d++) if (load[pn * nDims + d] > cap[v * nDims + d]) return false;
  const first = p.prefix[v].length;
  const lp = loc[pn];
  const ld = loc[dn];
  const tPD = dur[lp * size + ld];
  const sP = svc[pn];
  const sD = svc[dn];
  const eP = early[pn];
  const lP = late[pn];
  const eD = early[dn];
  const lD = late[dn];
  const single = nDims === 1;
  const q0 = load[pn * nDims];
  const cap0 = cap[v * nDims];
  // Summary of the pickups opened before the current position k, at k.
  let open = false;
  let tMin = 0; // earliest start of service at k
  let pathMin = 0; // shortest no-wait path from the pickup to k
  let limMax = 0; // latest start of the delivery its ride limit allows
  let detMin = 0; // smallest pickup detour (counts against the route duration)
  // The pickup after position k - 1, not yet advanced: its values at k.
  let pending = false;
  let tNew = 0;
  let pathNew = 0;
  let limNew = 0;
  let detNew = 0;
  let xk = s0;
  for (let k = first; k <= len; k++) {
    const xPrev = xk;
    xk = k === 0 ? s0 : nodes[k - 1];
    const xNext = k === len ? e0 : nodes[k];
    const lk = loc[xk];
    const lNext = loc[xNext];
    if (open) {
      const leg = svc[xPrev] + dur[loc[xPrev] * size + lk];
      pathMin += leg;
      const a = tMin + leg;
      tMin = a > E[k] ? a : E[k];
      if (pathMin > maxRide + EPS || tMin > L[k] + EPS) open = false;
    }
    if (pending) {
      if (!open) {
        open = true;
        tMin = tNew;
        pathMin = pathNew;
        limMax = limNew;
        detMin = detNew;
      } else {
        if (tNew < tMin) tMin = tNew;
        if (pathNew < pathMin) pathMin = pathNew;
        if (limNew > limMax) limMax = limNew;
        if (detNew < detMin) detMin = detNew;
      }
      pending = false;
    }
    let fitsK = true;
    if (single) fitsK = la[k] + q0 <= cap0 + EPS;
    else
      for (let d = 0; d < nDims; d++)
        if (la[k * nDims + d] + load[pn * nDims + d] > cap[v * nDims + d] + EPS) fitsK = false;
    if (!fitsK) {
      // Nobody open can ride past k, and no pickup goes here.
      open = false;
      continue;
    }
    const tKD = dur[lk * size + ld];
    const tDN = dur[ld * size + lNext];
    const tCut = dur[lk * size + lNext];
    // Delivery after k for the pickups opened before it.
    if (open) {
      const depK = tMin + svc[xk];
      if (depK > limMax + EPS) open = false;
      else {
        const arrD = depK + tKD;
        const aD = arrD > eD ? arrD : eD;
        if (aD > lD + EPS) {
          if (tMin > lD) open = false;
        } else if (
          aD <= limMax + EPS &&
          pathMin + svc[xk] + tKD <= maxRide + EPS &&
          tKD + sD + tDN - tCut <= rideSlack[k] + EPS &&
          detMin + tKD + sD + tDN - tCut <= durSlack &&
          aD + sD + tDN <= L[k + 1] + EPS
        )
          return true;
      }
    }
    // Pickup after k.
    const tKP = dur[lk * size + lp];
    const arrP = E[k] + svc[xk] + tKP;
    const aP = arrP > eP ? arrP : eP;
    if (aP > lP + EPS) continue;
    const tPN = dur[lp * size + lNext];
    const detourP = tKP + sP + tPN - tCut;
    if (detourP > rideSlack[k] + EPS || detourP > durSlack) continue;
    // Delivery right after it.
    {
      const arrD = aP + sP + tPD;
      const aD = arrD > eD ? arrD : eD;
      const detour = tKP + sP + tPD + sD + tDN - tCut;
      if (
        aD <= lD + EPS &&
        aD <= lP + sP + maxRide + EPS &&
        aD + sD + tDN <= L[k + 1] + EPS &&
        detour <= rideSlack[k] + EPS &&
        detour <= durSlack
      )
        return true;
    }
    if (k === len) continue;
    const a = aP + sP + tPN;
    const t = a > E[k + 1] ? a : E[k + 1];
    if (t > L[k + 1] + EPS) continue;
    const latestPick = L[k + 1] - sP - tPN;
    pending = true;
    tNew = t;
    pathNew = tPN;
    limNew = (latestPick < lP ? latestPick : lP) + sP + maxRide;
    detNew = detourP;
  }
  return false;
}
