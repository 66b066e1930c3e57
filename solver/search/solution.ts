/**
 * The mutable working solution: one route per vehicle plus the bank of requests
 * not (yet) served. Cloning copies the visit orders and shares the immutable
 * route caches, so an LNS iteration costs O(total visits), not a re-evaluation.
 */
import type { Prepared } from '../model/prepared.ts';
import type { Workspace } from '../eval/schedule.ts';
import { Route } from './route.ts';

export class Solution {
  routes: Route[];
  bank: number[];
  /** Vehicles the search may not use (fleet minimisation). */
  disabled: Uint8Array;

  constructor(routes: Route[], bank: number[], disabled: Uint8Array) {
    this.routes = routes;
    this.bank = bank;
    this.disabled = disabled;
  }

  static empty(p: Prepared, ws: Workspace): Solution {
    const routes = p.inst.vehicles.map((_, v) => {
      const route = new Route(v, p.prefix[v].slice());
      route.update(p, ws);
      return route;
    });
    return new Solution(routes, [], new Uint8Array(p.nVeh));
  }

  clone(): Solution {
    return new Solution(
      this.routes.map((r) => r.clone()),
      this.bank.slice(),
      this.disabled.slice(),
    );
  }

  /** Objective with `penalty` per unserved request. */
  cost(penalty: number): number {
    let c = penalty * this.bank.length;
    for (const r of this.routes) c += r.cost;
    return c;
  }

  /** Routes with at least one stop. */
  vehiclesInUse(): number {
    let n = 0;
    for (const r of this.routes) if (r.nodes.length > 0) n++;
    return n;
  }

  feasible(): boolean {
    return this.routes.every((r) => r.feasible);
  }

  /** Take the given requests out of their routes and put them in the bank. */
  remove(p: Prepared, ws: Workspace, requests: number[]): void {
    if (requests.length === 0) return;
    const gone = new Set(requests);
    for (const route of this.routes) {
      const before = route.nodes.length;
      if (before === 0) continue;
      const kept = route.nodes.filter((node) => !gone.has(node >> 1));
      if (kept.length !== before) {
        route.nodes = kept;
        route.update(p, ws);
      }
    }
    for (const r of requests) this.bank.push(r);
  }
}
