/**
 * The raw content of a benchmark file, kept exactly as read (original windows, ids,
 * loads). The solver instance is derived from it; the independent checker verifies
 * solutions against this, never against the (possibly tightened) instance.
 */

export type BenchmarkFormat = 'cordeau' | 'cordeau-pr' | 'lilim';

export interface BenchmarkNode {
  /** Id as written in the file. */
  id: number;
  x: number;
  y: number;
  serviceS: number;
  /** Load change: +q at a pickup, −q at its delivery, 0 at a depot. */
  demand: number;
  earliestS: number;
  latestS: number;
  /** 1-based line of the file the node came from (for error messages). */
  line: number;
}

export interface BenchmarkPair {
  pickup: number;
  delivery: number;
}

export interface BenchmarkData {
  name: string;
  format: BenchmarkFormat;
  /** Nodes indexed by id (ids are contiguous from 0 in every supported format). */
  nodes: BenchmarkNode[];
  /** One entry per request, in file order of the pickups. */
  pairs: BenchmarkPair[];
  startDepot: number;
  endDepot: number;
  /** Fleet size: K (an upper bound on the vehicles used). */
  fleetSize: number;
  capacity: number;
  /** Max route duration (Cordeau T); Infinity when the format has none. */
  maxRouteDurationS: number;
  /** Max ride time per request (Cordeau L); Infinity when the format has none. */
  maxRideS: number;
}

/** Euclidean distance in double precision: travel time = distance = cost in every format. */
export const euclidean = (a: BenchmarkNode, b: BenchmarkNode): number => Math.hypot(a.x - b.x, a.y - b.y);
