/**
 * Reads the Cordeau dial-a-ride format in both variants, told apart by the node count:
 * a/b (header `K n T Q L`, nodes 0..2n+1, end depot 2n+1) and pr (header `K 2n T Q L`,
 * nodes 0..2n, routes return to depot 0). Node lines are `id x y d q e l`.
 */
import type { BenchmarkData, BenchmarkNode } from './benchmark-data.ts';
import { BenchmarkFormatError } from './benchmark-format-error.ts';
import { fields, numericLines } from './lines.ts';
import { validateBenchmark } from './validate-nodes.ts';

const HEADER = ['K', 'n', 'T', 'Q', 'L'];
const NODE = ['id', 'x', 'y', 'service', 'load', 'e', 'l'];

export const parseCordeau = (text: string, name: string): BenchmarkData => {
  const records = numericLines(text, name, (i) => (i === 0 ? HEADER : NODE));
  if (records.length === 0) throw new BenchmarkFormatError(name, 1, 'K', '', 'empty file: expected header `K n T Q L`');
  const [fleetSize, m, maxRouteDurationS, capacity, maxRideS] = fields(records[0], HEADER, name);
  const headerErr = (i: number, problem: string) =>
    new BenchmarkFormatError(name, records[0].line, HEADER[i], String(records[0].values[i]), problem);
  if (!Number.isInteger(fleetSize) || fleetSize < 1) throw headerErr(0, 'fleet size must be a positive integer');
  if (!Number.isInteger(m) || m < 1) throw headerErr(1, 'request count must be a positive integer');
  if (!(maxRouteDurationS > 0)) throw headerErr(2, 'max route duration must be positive');
  if (!(capacity > 0)) throw headerErr(3, 'vehicle capacity must be positive');
  if (!(maxRideS > 0)) throw headerErr(4, 'max ride time must be positive');

  const nodeLines = records.slice(1);
  const isPr = nodeLines.length === m + 1 && m % 2 === 0;
  const n = isPr ? m / 2 : m;
  const expected = isPr ? 2 * n + 1 : 2 * n + 2;
  const last = records[records.length - 1].line;
  if (nodeLines.length < expected) {
    throw new BenchmarkFormatError(
      name,
      last + 1,
      'id',
      '',
      `truncated file: header says n = ${m}, so nodes 0..${2 * m + 1} (a/b format) or 0..${m} (pr format) are expected, but the file ends after ${nodeLines.length} node lines`,
    );
  }
  if (nodeLines.length > expected) {
    const extra = nodeLines[expected];
    throw new BenchmarkFormatError(
      name,
      extra.line,
      'id',
      String(extra.values[0]),
      `unexpected node line: header says n = ${m}, so the file should end with node ${expected - 1}`,
    );
  }

  const nodes: BenchmarkNode[] = nodeLines.map((rec, i) => {
    const [id, x, y, serviceS, demand, earliestS, latestS] = fields(rec, NODE, name);
    if (id !== i)
      throw new BenchmarkFormatError(
        name,
        rec.line,
        'id',
        String(id),
        `expected node id ${i} (ids run 0..${expected - 1} in order)`,
      );
    return { id, x, y, serviceS, demand, earliestS, latestS, line: rec.line };
  });
  const pairs = Array.from({ length: n }, (_, i) => ({ pickup: i + 1, delivery: n + i + 1 }));
  return validateBenchmark({
    name,
    format: isPr ? 'cordeau-pr' : 'cordeau',
    nodes,
    pairs,
    startDepot: 0,
    endDepot: isPr ? 0 : 2 * n + 1,
    fleetSize,
    capacity,
    maxRouteDurationS,
    maxRideS,
  });
};
