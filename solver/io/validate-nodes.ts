/**
 * Checks shared by every benchmark format once nodes and pairs are known: windows that
 * open before they close, non-negative service, loads that fit a vehicle, and each
 * pickup matched by a delivery carrying the opposite load.
 */
import type { BenchmarkData } from './benchmark-data.ts';
import { BenchmarkFormatError } from './benchmark-format-error.ts';

export const validateBenchmark = (data: BenchmarkData): BenchmarkData => {
  const err = (line: number, field: string, value: number, problem: string) =>
    new BenchmarkFormatError(data.name, line, field, String(value), problem);
  for (const node of data.nodes) {
    if (node.latestS < node.earliestS) {
      throw err(
        node.line,
        'l',
        node.latestS,
        `time window of node ${node.id} closes before it opens (e = ${node.earliestS})`,
      );
    }
    if (node.serviceS < 0) throw err(node.line, 'service', node.serviceS, `negative service time at node ${node.id}`);
  }
  for (const depot of [data.startDepot, data.endDepot]) {
    const node = data.nodes[depot];
    if (node.demand !== 0) throw err(node.line, 'load', node.demand, `depot node ${depot} must have load 0`);
  }
  for (const { pickup, delivery } of data.pairs) {
    const p = data.nodes[pickup];
    const d = data.nodes[delivery];
    if (p.demand < 0) throw err(p.line, 'load', p.demand, `pickup ${pickup} has a negative load`);
    if (p.demand > data.capacity) {
      throw err(
        p.line,
        'load',
        p.demand,
        `load of pickup ${pickup} is larger than every vehicle (capacity ${data.capacity})`,
      );
    }
    if (d.demand !== -p.demand) {
      throw err(
        d.line,
        'load',
        d.demand,
        `delivery ${delivery} of pickup ${pickup} must carry load ${-p.demand}: pickup without its delivery`,
      );
    }
  }
  return data;
};
