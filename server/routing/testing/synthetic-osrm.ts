/**
 * A deterministic OSRM table for tests of large matrices: every cell is computed from the two
 * coordinates alone (asymmetric on purpose), so one big request and many small blocks must give
 * the same matrix. Enforces `--max-table-size` like osrm-routed (TooBig), `radiuses`
 * (NoSegment) and, without radiuses, snaps a place outside the covered box far away with "Ok",
 * using the real far-snap waypoint from fixtures/osrm-samples.
 */
import { greatCircleM } from '../../contract/great-circle.ts';
import { osrmFixture, type OsrmHandler, type OsrmRequest } from './fake-osrm-server.ts';

export interface SyntheticOptions {
  maxTableSize: number;
  /** Covered area [minLon, minLat, maxLon, maxLat]; outside it there is no road. */
  bbox?: [number, number, number, number];
  /** Unreachable ordered pairs, as "lon,lat>lon,lat" of the request coordinates. */
  unreachable?: Set<string>;
}

const VARESE_BBOX: [number, number, number, number] = [8.54, 45.49, 9.04, 45.79];
const round1 = (x: number) => Math.round(x * 10) / 10;

export function syntheticCell(a: [number, number], b: [number, number]): { durationS: number; distanceM: number } {
  if (a[0] === b[0] && a[1] === b[1]) return { durationS: 0, distanceM: 0 };
  const crow = greatCircleM({ lon: a[0], lat: a[1] }, { lon: b[0], lat: b[1] });
  const oneWay = Math.abs(Math.round(a[0] * 1e5 * 7 + b[1] * 1e5 * 3)) % 97;
  const distanceM = round1(crow * 1.3 + oneWay * 5);
  return { distanceM, durationS: round1(distanceM / 11 + oneWay) };
}

export function syntheticOsrm(options: SyntheticOptions): OsrmHandler {
  const [minLon, minLat, maxLon, maxLat] = options.bbox ?? VARESE_BBOX;
  const farWaypoint = (
    osrmFixture('outside_coverage_snaps_far_but_ok').waypoints as { location: number[]; distance: number }[]
  )[0];
  const noSegment = osrmFixture('outside_coverage_with_radiuses_error') as { code: string; message: string };
  const covered = ([lon, lat]: [number, number]) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
  const waypoint = (c: [number, number]) =>
    covered(c)
      ? { location: c, distance: 4.2, name: 'Via Synthetic' }
      : { location: farWaypoint.location, distance: farWaypoint.distance, name: '' };

  return (request: OsrmRequest) => {
    if (request.service !== 'table')
      return { status: 400, body: { code: 'InvalidUrl', message: `URL string malformed: ${request.service}` } };
    const { sources, destinations, coordinates } = request;
    if (sources.length * destinations.length > options.maxTableSize ** 2) {
      return { status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } };
    }
    if (request.params.has('radiuses')) {
      const far = coordinates.findIndex((c) => !covered(c));
      if (far >= 0)
        return { status: 400, body: { code: noSegment.code, message: noSegment.message.replace(/\d+$/, String(far)) } };
    }
    const cell = (s: number, d: number) => {
      const key = `${coordinates[s].join(',')}>${coordinates[d].join(',')}`;
      return options.unreachable?.has(key) ? null : syntheticCell(coordinates[s], coordinates[d]);
    };
    return {
      status: 200,
      body: {
        code: 'Ok',
        durations: sources.map((s) => destinations.map((d) => cell(s, d)?.durationS ?? null)),
        distances: sources.map((s) => destinations.map((d) => cell(s, d)?.distanceM ?? null)),
        sources: sources.map((s) => waypoint(coordinates[s])),
        destinations: destinations.map((d) => waypoint(coordinates[d])),
      },
    };
  };
}
