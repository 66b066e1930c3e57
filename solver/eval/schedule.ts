/**
 * Exact schedule of a fixed visit order. Time windows, ride-time limits and the
 * route duration are difference constraints on the start-of-service times, so
 * the earliest feasible schedule is a longest-path problem: a forward pass plus
 * the ride/duration "back edges", repeated until nothing moves (Bellman–Ford
 * bound on the rounds; still moving after it means a positive cycle =
 * infeasible). `delayLoadedBlocks` then shifts every stretch that starts with
 * an empty vehicle as late as it can without new waiting for anyone already
 * aboard, so nobody sits in a parked van because the van left too early.
 */
import { endNode, startNode, type Prepared } from '../model/prepared.ts';

const EPS = 1e-9;

/** Scratch buffers sized for the longest possible route, reused across calls. */
export class Workspace {
  readonly pos: Int32Array;
  readonly pickPos: Int32Array;
  readonly nodes: Int32Array;
  readonly times: Float64Array;

  constructor(p: Prepared) {
    const n = 2 * p.nReq + 2;
    this.pos = new Int32Array(2 * p.nReq).fill(-1);
    this.pickPos = new Int32Array(n);
    this.nodes = new Int32Array(n);
    this.times = new Float64Array(n);
  }
}

const shared = new WeakMap<Prepared, Workspace>();

/** One workspace per prepared instance for the single-threaded public calls. */
export function workspaceFor(p: Prepared): Workspace {
  let ws = shared.get(p);
  if (!ws) {
    ws = new Workspace(p);
    shared.set(p, ws);
  }
  return ws;
}

/** Fills ws.nodes with depot, seq, depot and returns the number of positions. */
export function layout(p: Prepared, v: number, seq: ArrayLike<number>, len: number, ws: Workspace): number {
  const nodes = ws.nodes;
  nodes[0] = startNode(p, v);
  for (let k = 0; k < len; k++) nodes[k + 1] = seq[k];
  nodes[len + 1] = endNode(p, v);
  return len + 2;
}

/**
 * Earliest feasible start-of-service times for ws.nodes[0..n) on vehicle v,
 * written to B. Returns false when no schedule satisfies windows, ride times,
 * the shift and the route duration. Capacity is not checked here.
 */
export function earliestSchedule(p: Prepared, v: number, n: number, ws: Workspace, B: Float64Array): boolean {
  const { early, late, svc, loc, dur, size, maxRide } = p;
  const nodes = ws.nodes;
  const pickPos = ws.pickPos;
  const pos = ws.pos;
  for (let k = 1; k < n - 1; k++) {
    const node = nodes[k];
    if ((node & 1) === 0) {
      pos[node >> 1] = k;
      pickPos[k] = -1;
    } else {
      pickPos[k] = pos[node >> 1];
    }
  }
  for (let k = 1; k < n - 1; k++) pos[nodes[k] >> 1] = -1;
  const maxDur = p.inst.vehicles[v].maxDurationS;
  B[0] = early[nodes[0]];
  let from = 1;
  for (let round = 0; round <= n + 1; round++) {
    let prev = nodes[from - 1];
    let t = B[from - 1];
    if (t > late[prev] + EPS) return false;
    for (let k = from; k < n; k++) {
      const node = nodes[k];
      const arrive = t + svc[prev] + dur[loc[prev] * size + loc[node]];
      t = round === 0 ? (arrive > early[node] ? arrive : early[node]) : arrive > B[k] ? arrive : B[k];
      if (t > late[node] + EPS) return false;
      B[k] = t;
      prev = node;
    }
    let lowest = n;
    for (let k = 2; k < n - 1; k++) {
      const j = pickPos[k];
      if (j < 0) continue;
      const r = nodes[k] >> 1;
      const need = B[k] - svc[nodes[j]] - maxRide[r];
      if (B[j] < need - EPS) {
        B[j] = need;
        if (j < lowest) lowest = j;
      }
    }
    const needStart = B[n - 1] - maxDur;
    if (B[0] < needStart - EPS) {
      B[0] = needStart;
      lowest = 0;
    }
    if (lowest === n) return true;
    from = lowest + 1;
  }
  return false;
}

/**
 * From a feasible earliest schedule, delay each stretch that begins with an
 * empty vehicle by the waiting it would otherwise impose on its passengers
 * (bounded by the forward time slack), then leave the depot just in time.
 */
export function delayLoadedBlocks(p: Prepared, n: number, ws: Workspace, B: Float64Array): void {
  const { late, svc, loc, dur, size, load, nDims } = p;
  const nodes = ws.nodes;
  const onBoard = new Float64Array(nDims);
  const gap = (k: number): number =>
    B[k] - (B[k - 1] + svc[nodes[k - 1]] + dur[loc[nodes[k - 1]] * size + loc[nodes[k]]]);
  for (let j = 1; j < n - 1; j++) {
    let empty = true;
    for (let d = 0; d < nDims; d++) if (onBoard[d] > EPS) empty = false;
    if (empty) {
      // Waiting inside the block that starts here (passengers aboard).
      let blockWait = 0;
      const level = new Float64Array(nDims);
      for (let k = j; k < n - 1; k++) {
        let stillLoaded = false;
        for (let d = 0; d < nDims; d++) {
          level[d] += load[nodes[k] * nDims + d];
          if (level[d] > EPS) stillLoaded = true;
        }
        if (!stillLoaded) break;
        blockWait += gap(k + 1);
      }
      let slack = Infinity;
      let waits = 0;
      for (let k = j; k < n; k++) {
        if (k > j) waits += gap(k);
        const s = late[nodes[k]] - B[k] + waits;
        if (s < slack) slack = s;
      }
      // The first stretch may use all later waiting: the van then simply leaves later.
      const delta = Math.min(slack, j === 1 ? waits : blockWait);
      if (delta > EPS) {
        B[j] += delta;
        for (let k = j + 1; k < n; k++) {
          const arrive = B[k - 1] + svc[nodes[k - 1]] + dur[loc[nodes[k - 1]] * size + loc[nodes[k]]];
          if (arrive <= B[k]) break;
          B[k] = arrive;
        }
      }
    }
    for (let d = 0; d < nDims; d++) onBoard[d] += load[nodes[j] * nDims + d];
  }
  if (n > 2) {
    const leave = B[1] - svc[nodes[0]] - dur[loc[nodes[0]] * size + loc[nodes[1]]];
    if (leave > B[0]) B[0] = leave;
  }
}
