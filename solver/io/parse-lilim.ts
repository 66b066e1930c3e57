/**
 * Reads the Li & Lim PDPTW format: header `K Q S`, then `id x y demand e l s p d` per
 * task with the depot first; pickups and deliveries are paired through the p/d columns
 * (not by position). Tabs and CRLF line endings, as distributed by SINTEF, are accepted.
 */
import type { BenchmarkData, BenchmarkNode, BenchmarkPair } from './benchmark-data.ts';
import { BenchmarkFormatError } from './benchmark-format-error.ts';
import { fields, numericLines } from './lines.ts';
import { validateBenchmark } from './validate-nodes.ts';

const HEADER = ['K', 'Q', 'S'];
const NODE = ['id', 'x', 'y', 'demand', 'e', 'l', 'service', 'p', 'd'];

export const parseLiLim = (text: string, name: string): BenchmarkData => {
  const records = numericLines(text, name, (i) => (i === 0 ? HEADER : NODE));
  if (records.length === 0) throw new BenchmarkFormatError(name, 1, 'K', '', 'empty file: expected header `K Q S`');
  const [fleetSize, capacity] = fields(records[0], HEADER, name);
  if (!Number.isInteger(fleetSize) || fleetSize < 1) {
    throw new BenchmarkFormatError(
      name,
      records[0].line,
      'K',
      String(fleetSize),
      'fleet size must be a positive integer',
    );
  }
  if (!(capacity > 0))
    throw new BenchmarkFormatError(name, records[0].line, 'Q', String(capacity), 'vehicle capacity must be positive');
  const nodeLines = records.slice(1);
  if (nodeLines.length < 3) {
    throw new BenchmarkFormatError(
      name,
      records[records.length - 1].line + 1,
      'id',
      '',
      'truncated file: expected the depot and at least one pickup and delivery',
    );
  }

  const rows = nodeLines.map((rec, i) => {
    const [id, x, y, demand, earliestS, latestS, serviceS, p, d] = fields(rec, NODE, name);
    if (id !== i)
      throw new BenchmarkFormatError(
        name,
        rec.line,
        'id',
        String(id),
        `expected task id ${i} (ids run from 0 in order)`,
      );
    const node: BenchmarkNode = { id, x, y, serviceS, demand, earliestS, latestS, line: rec.line };
    return { node, p, d, line: rec.line };
  });
  const count = rows.length;
  const inRange = (v: number) => Number.isInteger(v) && v > 0 && v < count;
  const pairs: BenchmarkPair[] = [];
  for (const { node, p, d, line } of rows.slice(1)) {
    if (d !== 0) {
      if (!inRange(d))
        throw new BenchmarkFormatError(
          name,
          line,
          'd',
          String(d),
          `pickup ${node.id} without its delivery: no task ${d} in this file (${count} tasks)`,
        );
      if (rows[d].p !== node.id) {
        throw new BenchmarkFormatError(
          name,
          rows[d].line,
          'p',
          String(rows[d].p),
          `task ${d} is the delivery of pickup ${node.id} (line ${line}) but its p column does not point back: pickup without its delivery`,
        );
      }
      pairs.push({ pickup: node.id, delivery: d });
    } else if (p !== 0) {
      if (!inRange(p) || rows[p].d !== node.id) {
        throw new BenchmarkFormatError(
          name,
          line,
          'p',
          String(p),
          `delivery ${node.id} names pickup ${p}, whose d column does not point back`,
        );
      }
    } else {
      throw new BenchmarkFormatError(
        name,
        line,
        'p',
        '0',
        `task ${node.id} is neither a pickup (d = 0) nor a delivery (p = 0)`,
      );
    }
  }
  return validateBenchmark({
    name,
    format: 'lilim',
    nodes: rows.map((r) => r.node),
    pairs,
    startDepot: 0,
    endDepot: 0,
    fleetSize,
    capacity,
    maxRouteDurationS: Number.POSITIVE_INFINITY,
    maxRideS: Number.POSITIVE_INFINITY,
  });
};
