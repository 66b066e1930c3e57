/**
 * Turns a laid-out node order and its start-of-service times into the public
 * PlannedRoute shape (arrival, start, departure, load after each visit).
 */
import type { PlannedRoute, PlannedVisit } from '../model/instance.ts';
import type { Prepared } from '../model/prepared.ts';

export function toPlannedRoute(
  p: Prepared,
  v: number,
  nodes: ArrayLike<number>,
  n: number,
  B: ArrayLike<number>,
): PlannedRoute {
  const { loc, svc, dur, dist, size, load, nDims } = p;
  const visits: PlannedVisit[] = [];
  const onBoard = new Array<number>(nDims).fill(0);
  let distanceM = 0;
  for (let k = 1; k < n; k++) {
    const prev = nodes[k - 1];
    const node = nodes[k];
    const ab = loc[prev] * size + loc[node];
    distanceM += dist[ab];
    if (k === n - 1) break;
    for (let d = 0; d < nDims; d++) onBoard[d] += load[node * nDims + d];
    visits.push({
      requestIdx: node >> 1,
      kind: (node & 1) === 0 ? 'pickup' : 'delivery',
      loc: loc[node],
      arrivalS: B[k - 1] + svc[prev] + dur[ab],
      startS: B[k],
      departureS: B[k] + svc[node],
      loadAfter: onBoard.slice(),
    });
  }
  if (n <= 2) return { vehicleIdx: v, departureS: B[0], returnS: B[0], visits, distanceM: 0, durationS: 0 };
  return { vehicleIdx: v, departureS: B[0], returnS: B[n - 1], visits, distanceM, durationS: B[n - 1] - B[0] };
}
