/**
 * The instance flattened into typed arrays for the search: every stop is a node
 * (pickup of request r = 2r, delivery = 2r+1, start depot of vehicle v = 2R+2v,
 * end depot = 2R+2v+1), with windows tightened by the ride-time limit
 * (Cordeau 2006). Validates the instance once and fails naming the field.
 */
import type { DarpInstance } from './instance.ts';
import { triangleSlack } from './triangle-slack.ts';

export interface Prepared {
  inst: DarpInstance;
  nReq: number;
  nVeh: number;
  nDims: number;
  size: number;
  dur: Float64Array;
  dist: Float64Array;
  loc: Int32Array;
  /** Tightened window on the start of service (same feasible set as the original). */
  early: Float64Array;
  late: Float64Array;
  svc: Float64Array;
  /** Signed load change per node and dimension: node * nDims + d. */
  load: Float64Array;
  maxRide: Float64Array;
  /** Direct ride time of each request (pickup to delivery). */
  direct: Float64Array;
  /** 1 when vehicle v may serve request r: r * nVeh + v (features, load, lock). */
  compatible: Uint8Array;
  cap: Float64Array;
  /** Requests kept where they are (an end of them lies in a locked prefix). */
  fixed: Uint8Array;
  /** Locked prefix of each vehicle as node ids. */
  prefix: number[][];
  /** Vehicle whose locked prefix holds the request, or −1. */
  prefixOwner: Int32Array;
  /** The objective prices something that depends on the schedule, not only on the order. */
  timesMatter: boolean;
  /** Largest break of the triangle inequality in distance and in duration (model/triangle-slack.ts). */
  slackDist: number;
  slackDur: number;
}

export const pickupNode = (r: number): number => 2 * r;
export const deliveryNode = (r: number): number => 2 * r + 1;
export const startNode = (p: Prepared, v: number): number => 2 * p.nReq + 2 * v;
export const endNode = (p: Prepared, v: number): number => 2 * p.nReq + 2 * v + 1;

function fail(field: string, value: unknown, why: string): never {
  throw new Error(`invalid instance: ${field} = ${JSON.stringify(value)}: ${why}`);
}

export function prepare(inst: DarpInstance): Prepared {
  const { matrix, requests, vehicles } = inst;
  const size = matrix.size;
  if (matrix.durationS.length !== size * size)
    fail('matrix.durationS.length', matrix.durationS.length, `expected ${size * size}`);
  if (matrix.distanceM.length !== size * size)
    fail('matrix.distanceM.length', matrix.distanceM.length, `expected ${size * size}`);
  const nReq = requests.length;
  const nVeh = vehicles.length;
  const nDims = inst.dims.length;
  const nNodes = 2 * nReq + 2 * nVeh;
  const loc = new Int32Array(nNodes);
  const early = new Float64Array(nNodes);
  const late = new Float64Array(nNodes);
  const svc = new Float64Array(nNodes);
  const load = new Float64Array(nNodes * nDims);
  const maxRide = new Float64Array(nReq);
  const direct = new Float64Array(nReq);
  const checkLoc = (field: string, l: number): number => {
    if (!Number.isInteger(l) || l < 0 || l >= size) fail(field, l, `must be a location index in [0, ${size})`);
    return l;
  };
  requests.forEach((q, r) => {
    const f = `requests[${r}]`;
    if (q.load.length !== nDims) fail(`${f}.load`, q.load, `expected ${nDims} dimensions (${inst.dims.join(', ')})`);
    for (const [kind, s, node] of [
      ['pickup', q.pickup, 2 * r],
      ['delivery', q.delivery, 2 * r + 1],
    ] as const) {
      loc[node] = checkLoc(`${f}.${kind}.loc`, s.loc);
      // A window that closes before it opens (e.g. after a reader's tightening) is not an
      // error here: the request simply cannot be served and comes back as TIME_WINDOW.
      if (Number.isNaN(s.earliestS) || Number.isNaN(s.latestS))
        fail(`${f}.${kind}`, s, 'window bounds must be numbers');
      if (!(s.serviceS >= 0)) fail(`${f}.${kind}.serviceS`, s.serviceS, 'must be ≥ 0');
      early[node] = s.earliestS;
      late[node] = s.latestS;
      svc[node] = s.serviceS;
    }
    for (let d = 0; d < nDims; d++) {
      if (!(q.load[d] >= 0)) fail(`${f}.load[${d}]`, q.load[d], 'must be ≥ 0');
      load[2 * r * nDims + d] = q.load[d];
      load[(2 * r + 1) * nDims + d] = -q.load[d];
    }
    if (!(q.maxRideS >= 0)) fail(`${f}.maxRideS`, q.maxRideS, 'must be ≥ 0');
    maxRide[r] = q.maxRideS;
    direct[r] = matrix.durationS[loc[2 * r] * size + loc[2 * r + 1]];
    if (q.lockedVehicleIdx !== undefined && !(q.lockedVehicleIdx >= 0 && q.lockedVehicleIdx < nVeh)) {
      fail(`${f}.lockedVehicleIdx`, q.lockedVehicleIdx, `must be a vehicle index in [0, ${nVeh})`);
    }
  });
  const cap = new Float64Array(nVeh * nDims);
  vehicles.forEach((v, k) => {
    const f = `vehicles[${k}]`;
    if (v.capacity.length !== nDims) fail(`${f}.capacity`, v.capacity, `expected ${nDims} dimensions`);
    if (!(v.shiftStartS <= v.shiftEndS))
      fail(`${f}.shiftEndS`, v.shiftEndS, `shift ends before it starts (${v.shiftStartS})`);
    for (let d = 0; d < nDims; d++) cap[k * nDims + d] = v.capacity[d];
    const s = 2 * nReq + 2 * k;
    loc[s] = checkLoc(`${f}.startLoc`, v.startLoc);
    loc[s + 1] = checkLoc(`${f}.endLoc`, v.endLoc);
    early[s] = early[s + 1] = v.shiftStartS;
    late[s] = late[s + 1] = v.shiftEndS;
  });
  // Tighten request windows with the ride-time limit and the direct ride.
  for (let r = 0; r < nReq; r++) {
    const p = 2 * r;
    const d = p + 1;
    for (let pass = 0; pass < 2; pass++) {
      early[p] = Math.max(early[p], early[d] - maxRide[r] - svc[p]);
      late[p] = Math.min(late[p], late[d] - svc[p] - direct[r]);
      early[d] = Math.max(early[d], early[p] + svc[p] + direct[r]);
      late[d] = Math.min(late[d], late[p] + svc[p] + maxRide[r]);
    }
  }
  const slackDist = triangleSlack(matrix.distanceM, size);
  const compatible = new Uint8Array(nReq * nVeh);
  requests.forEach((q, r) => {
    vehicles.forEach((v, k) => {
      if (q.lockedVehicleIdx !== undefined && q.lockedVehicleIdx !== k) return;
      if (!q.requires.every((f) => v.features.includes(f))) return;
      for (let d = 0; d < nDims; d++) if (q.load[d] > v.capacity[d]) return;
      compatible[r * nVeh + k] = 1;
    });
  });
  const fixed = new Uint8Array(nReq);
  const owner = new Int32Array(nReq).fill(-1);
  const placed = new Set<number>();
  const prefix: number[][] = vehicles.map((v, k) => {
    const nodes: number[] = [];
    (v.lockedPrefix ?? []).forEach((e, i) => {
      const f = `vehicles[${k}].lockedPrefix[${i}]`;
      if (!(e.requestIdx >= 0 && e.requestIdx < nReq))
        fail(`${f}.requestIdx`, e.requestIdx, `must be a request index in [0, ${nReq})`);
      const node = e.kind === 'pickup' ? 2 * e.requestIdx : 2 * e.requestIdx + 1;
      if (placed.has(node)) fail(f, e, 'visit appears twice in locked prefixes');
      if (e.kind === 'delivery' && !nodes.includes(node - 1))
        fail(f, e, 'delivery locked without its pickup earlier in the same prefix');
      placed.add(node);
      nodes.push(node);
      owner[e.requestIdx] = k;
    });
    return nodes;
  });
  for (let r = 0; r < nReq; r++) {
    if (owner[r] < 0) continue;
    fixed[r] = 1;
    for (let k = 0; k < nVeh; k++) compatible[r * nVeh + k] = k === owner[r] ? 1 : 0;
  }
  return {
    inst,
    nReq,
    nVeh,
    nDims,
    size,
    dur: matrix.durationS,
    dist: matrix.distanceM,
    loc,
    early,
    late,
    svc,
    load,
    maxRide,
    direct,
    compatible,
    cap,
    fixed,
    prefix,
    prefixOwner: owner,
    timesMatter:
      inst.objective.excessRidePerS > 0 ||
      inst.objective.waitAboardPerS > 0 ||
      inst.objective.timeDeviationPerS > 0 ||
      vehicles.some((v) => v.costPerS > 0),
    slackDist,
    slackDur: matrix.durationS === matrix.distanceM ? slackDist : triangleSlack(matrix.durationS, size),
  };
}

const cache = new WeakMap<DarpInstance, Prepared>();

/** prepare() once per instance object (slot offering calls the API many times on one instance). */
export function preparedFor(inst: DarpInstance): Prepared {
  let p = cache.get(inst);
  if (!p) {
    p = prepare(inst);
    cache.set(inst, p);
  }
  return p;
}
