/**
 * Benchmark readers: the Cordeau DARP format (a/b and pr variants) and Li & Lim PDPTW.
 * Each returns the solver instance together with the raw file data, so callers can map
 * locations back to the file's node ids and check solutions against the original data.
 * Location index = file node id in every format.
 */
import type { DarpInstance } from '../model/instance.ts';
import type { BenchmarkData } from './benchmark-data.ts';
import { parseCordeau } from './parse-cordeau.ts';
import { parseLiLim } from './parse-lilim.ts';
import { toInstance } from './to-instance.ts';

export interface BenchmarkInstance {
  instance: DarpInstance;
  data: BenchmarkData;
  /** File node id of each matrix location (the identity in every supported format). */
  nodeIds: number[];
}

const withInstance = (data: BenchmarkData): BenchmarkInstance => ({
  instance: toInstance(data),
  data,
  nodeIds: data.nodes.map((n) => n.id),
});

/** Cordeau a/b (`K n T Q L`, nodes 0..2n+1) or pr (`K 2n T Q L`, nodes 0..2n), detected from the node count. */
export const readCordeau = (text: string, name: string): BenchmarkInstance => withInstance(parseCordeau(text, name));

/** Li & Lim PDPTW (`K Q S`, then `id x y demand e l s p d`). */
export const readLiLim = (text: string, name: string): BenchmarkInstance => withInstance(parseLiLim(text, name));

export type { BenchmarkData, BenchmarkFormat, BenchmarkNode, BenchmarkPair } from './benchmark-data.ts';
export { euclidean } from './benchmark-data.ts';
export { BenchmarkFormatError } from './benchmark-format-error.ts';
export type { BenchmarkRoute, BenchmarkSolution, BenchmarkStop } from './benchmark-solution.ts';
