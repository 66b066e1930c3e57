/**
 * The board through which the two search threads share their best solutions.
 * At checkpoints (every 1/CHECKPOINTS of the budget) each thread posts its
 * best and takes the partner's when it is better, so both go on from the
 * better one. With an iteration budget a thread waits at each checkpoint for
 * the partner's post of that same checkpoint, which makes the exchange (and so
 * the result) deterministic; with a time budget nobody waits and a thread takes
 * the partner's latest post (timing decides which one that is).
 *
 * Layout (one SharedArrayBuffer): per thread two Int32 markers (last
 * checkpoint posted, −1 none; finished flag) and three slots (checkpoints of
 * even and odd number, final), each a version counter (odd while being
 * written), the cost and the encoded solution. Two slots per thread suffice:
 * a thread cannot post checkpoint k + 2 before its partner posted k + 1, so a
 * waiting reader's slot is never overwritten under it.
 */
import type { SearchContext } from '../search/context.ts';
import { Route } from '../search/route.ts';
import { Solution } from '../search/solution.ts';

export const CHECKPOINTS = 20;
const SLOTS = 3;
const FINAL = 2;
const WAIT_SLICE_MS = 50;

interface Layout {
  words: number;
  bytes: number;
}

function layoutFor(nReq: number, nVeh: number): Layout {
  // Per vehicle: visit count + disabled flag; every node once; bank count + bank.
  const words = 2 * nVeh + 2 * nReq + 1 + nReq;
  const perSlot = 8 + 8 + 4 * words + ((4 * words) % 8);
  return { words, bytes: 8 + SLOTS * perSlot };
}

/** Bytes of the shared buffer for an instance with nReq requests and nVeh vehicles (both threads). */
export function sharedBestBytes(nReq: number, nVeh: number): number {
  return 2 * layoutFor(nReq, nVeh).bytes;
}

export class SharedBest {
  private readonly marker: Int32Array[] = [];
  private readonly version: Int32Array[][] = [];
  private readonly cost: Float64Array[][] = [];
  private readonly data: Int32Array[][] = [];
  private lastPosted = 0;
  /** Exchanges that brought in a better solution (for reporting and tests). */
  adopted = 0;

  /**
   * `self` is this thread's side (0 main, 1 worker); `wait` makes exchanges
   * deterministic (iteration budgets); `mustStop` ends a wait (abort, time up,
   * partner gone).
   */
  constructor(
    private readonly ctx: SearchContext,
    buffer: SharedArrayBuffer,
    private readonly self: number,
    private readonly wait: boolean,
    private readonly mustStop: () => boolean,
  ) {
    const { words, bytes } = layoutFor(ctx.p.nReq, ctx.p.nVeh);
    if (buffer.byteLength < 2 * bytes)
      throw new Error(`shared best: buffer of ${buffer.byteLength} bytes, need ${2 * bytes} (internal)`);
    const perSlot = (bytes - 8) / SLOTS;
    for (let t = 0; t < 2; t++) {
      const base = t * bytes;
      this.marker.push(new Int32Array(buffer, base, 2));
      const versions: Int32Array[] = [];
      const costs: Float64Array[] = [];
      const datas: Int32Array[] = [];
      for (let s = 0; s < SLOTS; s++) {
        const at = base + 8 + s * perSlot;
        versions.push(new Int32Array(buffer, at, 1));
        costs.push(new Float64Array(buffer, at + 8, 1));
        datas.push(new Int32Array(buffer, at + 16, words));
      }
      this.version.push(versions);
      this.cost.push(costs);
      this.data.push(datas);
    }
  }

  /** Marks both sides as having posted nothing yet (call once, before the worker starts). */
  static reset(buffer: SharedArrayBuffer, nReq: number, nVeh: number): void {
    const { bytes } = layoutFor(nReq, nVeh);
    for (let t = 0; t < 2; t++) {
      const marker = new Int32Array(buffer, t * bytes, 2);
      Atomics.store(marker, 0, -1);
      Atomics.store(marker, 1, 0);
    }
  }

  /**
   * Called with the search's progress fraction and its best solution (every
   * request served or not, full objective). At each checkpoint crossed since
   * the last call it posts `best` and reads the partner's post; returns the
   * partner's solution when it is strictly better than `best`, else null.
   */
  exchange(fraction: number, best: Solution): Solution | null {
    const due = Math.min(CHECKPOINTS - 1, Math.floor(fraction * CHECKPOINTS));
    if (due <= this.lastPosted) return null;
    const penalty = this.ctx.p.inst.objective.unservedPenalty;
    let bestCost = best.cost(penalty);
    let taken: Solution | null = null;
    for (let k = this.lastPosted + 1; k <= due; k++) {
      this.post(k % 2, k, taken ?? best, bestCost);
      const margin = 1e-9 * Math.max(1, Math.abs(bestCost));
      const theirs = this.read(k, bestCost - margin);
      const theirCost = theirs ? theirs.cost(penalty) : Infinity;
      if (theirCost < bestCost - margin) {
        taken = theirs;
        bestCost = theirCost;
      }
    }
    this.lastPosted = due;
    if (taken) this.adopted++;
    return taken;
  }

  /** Posts the final best, releasing a partner that waits for a checkpoint this thread will not reach. */
  finish(best: Solution): void {
    this.post(FINAL, -1, best, best.cost(this.ctx.p.inst.objective.unservedPenalty));
  }

  /** Writes a slot; `mark` ≥ 0 posts that checkpoint, −1 the final solution. */
  private post(slot: number, mark: number, sol: Solution, cost: number): void {
    const t = this.self;
    const version = this.version[t][slot];
    Atomics.add(version, 0, 1);
    this.cost[t][slot][0] = cost;
    encode(sol, this.data[t][slot]);
    Atomics.add(version, 0, 1);
    const marker = this.marker[t];
    if (mark >= 0) Atomics.store(marker, 0, mark);
    else Atomics.store(marker, 1, 1);
    Atomics.notify(marker, 0);
    Atomics.notify(marker, 1);
  }

  /** The partner's post for checkpoint k (waiting for it when deterministic) when it costs less than `below`, or null. */
  private read(k: number, below: number): Solution | null {
    const t = 1 - this.self;
    const marker = this.marker[t];
    if (this.wait) {
      while (Atomics.load(marker, 0) < k && Atomics.load(marker, 1) === 0 && !this.mustStop()) {
        Atomics.wait(marker, 0, Atomics.load(marker, 0), WAIT_SLICE_MS);
      }
    }
    const posted = Atomics.load(marker, 0);
    const done = Atomics.load(marker, 1) === 1;
    let slot: number;
    // Deterministic: exactly checkpoint k's post, or the final one when the partner ended before k.
    if (this.wait) slot = posted >= k ? k % 2 : done ? FINAL : -1;
    else slot = done ? FINAL : posted >= 0 ? posted % 2 : -1;
    if (slot < 0) return null;
    const version = this.version[t][slot];
    const before = Atomics.load(version, 0);
    if ((before & 1) === 1 || !(this.cost[t][slot][0] < below)) return null;
    const copy = this.data[t][slot].slice();
    if (Atomics.load(version, 0) !== before) return null;
    return decode(this.ctx, copy);
  }
}

function encode(sol: Solution, out: Int32Array): void {
  let k = 0;
  for (const route of sol.routes) {
    out[k++] = route.nodes.length;
    for (const n of route.nodes) out[k++] = n;
  }
  for (let v = 0; v < sol.routes.length; v++) out[k++] = sol.disabled[v];
  out[k++] = sol.bank.length;
  for (const r of sol.bank) out[k++] = r;
}

function decode(ctx: SearchContext, data: Int32Array): Solution | null {
  const { p, ws } = ctx;
  let k = 0;
  const routes: Route[] = [];
  for (let v = 0; v < p.nVeh; v++) {
    const len = data[k++];
    const route = new Route(v, Array.from(data.subarray(k, k + len)));
    k += len;
    route.update(p, ws);
    // A solution the partner believed feasible is feasible here too (same data); be safe anyway.
    if (!route.feasible) return null;
    routes.push(route);
  }
  const disabled = Uint8Array.from(data.subarray(k, k + p.nVeh));
  k += p.nVeh;
  const bankLen = data[k++];
  const bank = Array.from(data.subarray(k, k + bankLen));
  return new Solution(routes, bank, disabled);
}
