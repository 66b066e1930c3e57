/**
 * Spatial-temporal filter for large instances: a request is only priced into
 * routes that already serve one of its nearest related requests (plus one empty
 * vehicle of each kind). With 80 vehicles this cuts pricing by an order of
 * magnitude; small fleets are always priced in full.
 */
import type { SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';
import { Scratch } from '../search/scratch.ts';

/** Fleets up to this size are priced in full. */
const FULL_FLEET = 16;
const NEAR = 40;
/** With fewer candidate routes than this, price them all. */
const MIN_MARKED = 3;

const wheres = new Scratch((n) => new Int32Array(n));
const NO_TABLE = new Int32Array(0);

export class NearbyRoutes {
  readonly where: Int32Array;
  private readonly active: boolean;

  constructor(
    private readonly ctx: SearchContext,
    sol: Solution,
  ) {
    this.active = ctx.p.nVeh > FULL_FLEET;
    const nReq = ctx.p.nReq;
    // One filter is in use at a time (repair, one ejection step): its table is reused.
    this.where = this.active ? wheres.get(0, nReq).fill(-1, 0, nReq) : NO_TABLE;
    if (!this.active) return;
    const where = this.where;
    for (let v = 0; v < sol.routes.length; v++) for (const node of sol.routes[v].nodes) where[node >> 1] = v;
  }

  placed(r: number, v: number): void {
    if (this.active) this.where[r] = v;
  }

  /** Marks in `out` (length nVeh) the non-empty routes worth pricing for r; returns false when all are. */
  mark(r: number, out: Uint8Array): boolean {
    if (!this.active) return false;
    out.fill(0);
    const near = this.ctx.neighbours[r];
    const k = Math.min(NEAR, near.length);
    let marked = 0;
    for (let a = 0; a < k; a++) {
      const v = this.where[near[a]];
      if (v >= 0 && out[v] === 0) {
        out[v] = 1;
        marked++;
      }
    }
    return marked >= MIN_MARKED;
  }
}
