/**
 * Which /table requests to make for the missing cells of a matrix, each within the server's
 * `--max-table-size` (OSRM refuses sources × destinations > size² with "TooBig").
 *
 * Missing cells are covered by "fresh" places: first every place none of whose pairs is known
 * (a new home), then, greedily, one end of each still uncovered pair. Fresh places are asked as
 * sources (their rows) and as destinations of the other places (their columns). An empty cache
 * thus makes the full matrix in ⌈n/size⌉² blocks; one new place among cached ones makes two thin
 * requests, its row and its column, and nothing else.
 */
export interface TableRequest {
  sources: number[];
  destinations: number[];
}

function chunks(items: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function blocks(rows: Map<number, Set<number>>, blockSize: number): TableRequest[] {
  const requests: TableRequest[] = [];
  for (const sources of chunks(
    [...rows.keys()].sort((a, b) => a - b),
    blockSize,
  )) {
    const wanted = new Set<number>();
    for (const s of sources) for (const d of rows.get(s) ?? []) wanted.add(d);
    for (const destinations of chunks(
      [...wanted].sort((a, b) => a - b),
      blockSize,
    )) {
      requests.push({ sources, destinations });
    }
  }
  return requests;
}

/** `missing` holds [from, to] pairs of distinct places (from ≠ to) among `placeCount`. */
export function planTableRequests(
  placeCount: number,
  missing: readonly (readonly [number, number])[],
  blockSize: number,
): TableRequest[] {
  if (blockSize < 1) throw new Error(`blockSize must be at least 1, got ${blockSize}`);
  if (missing.length === 0) return [];
  const involving = new Array<number>(placeCount).fill(0);
  for (const [from, to] of missing) {
    involving[from]++;
    involving[to]++;
  }
  const fresh = new Set<number>();
  for (let p = 0; p < placeCount; p++) if (involving[p] === 2 * (placeCount - 1)) fresh.add(p);
  for (const [from, to] of missing) {
    if (!fresh.has(from) && !fresh.has(to)) fresh.add(involving[from] >= involving[to] ? from : to);
  }
  const freshRows = new Map<number, Set<number>>();
  const otherRows = new Map<number, Set<number>>();
  for (const [from, to] of missing) {
    const rows = fresh.has(from) ? freshRows : otherRows;
    let row = rows.get(from);
    if (!row) rows.set(from, (row = new Set()));
    row.add(to);
  }
  return [...blocks(freshRows, blockSize), ...blocks(otherRows, blockSize)];
}
