/**
 * The hook through which another part adds attributes to the runs of a week without changing the
 * planning steps: the escorts part (server/escorts/) says, per (date, part), which runs have an
 * escort aboard — a solver vehicle feature, a seat taken, the run's hours narrowed to the
 * escort's — and which trips require one (a request requirement). The solver's existing
 * feature/compatibility mechanism does the rest, and the unserved reason is mapped afterwards.
 *
 * The attributes are attached to the vehicle records of the week being planned
 * (`attachRunAttributes(data.vehicles, attrs)`); `buildDayInstance` reads them from its runs'
 * vehicles. Attaching is by object identity (a WeakMap), so the planning steps, whatever their
 * shape, need not carry one more parameter, and a week planned without attributes is unchanged.
 * Several parts may attach (escorts, providers' accreditation: server/providers/accreditation-
 * planning.ts); their attributes combine.
 */
import type { Vehicle } from '../contract/domain.ts';
import type { Run, RunPart } from './runs.ts';
import type { PlanTrip } from './trip.ts';

export interface RunExtra {
  /** Features added to the run's solver vehicle (e.g. 'escort'). */
  features: string[];
  /** Seats taken by staff aboard (an escort counts in the seats). */
  seatsTaken: number;
  /** The run's hours narrowed to these (seconds of the day), e.g. to the escort's shift. */
  fromS?: number;
  toS?: number;
}

export interface RunAttributes {
  /** One entry per run of the (date, part), in the order given. Called once per built instance. */
  forRuns(date: string, part: RunPart, runs: readonly Run[]): RunExtra[];
  /** Features a trip's run must have beyond the domain's (lift for a wheelchair). */
  requires(trip: PlanTrip): string[];
}

const attached = new WeakMap<Vehicle, RunAttributes>();

/** Two parts' attributes at once: features and seats taken add up, hours narrow to both. */
function combine(a: RunAttributes, b: RunAttributes): RunAttributes {
  return {
    forRuns(date, part, runs) {
      const x = a.forRuns(date, part, runs);
      const y = b.forRuns(date, part, runs);
      return runs.map((_, i) => {
        const p = x[i] ?? { features: [], seatsTaken: 0 };
        const q = y[i] ?? { features: [], seatsTaken: 0 };
        const fromS = Math.max(p.fromS ?? -Infinity, q.fromS ?? -Infinity);
        const toS = Math.min(p.toS ?? Infinity, q.toS ?? Infinity);
        return {
          features: [...p.features, ...q.features],
          seatsTaken: p.seatsTaken + q.seatsTaken,
          ...(Number.isFinite(fromS) ? { fromS } : {}),
          ...(Number.isFinite(toS) ? { toS } : {}),
        };
      });
    },
    requires: (trip) => [...a.requires(trip), ...b.requires(trip)],
  };
}

/** Attaches `attrs` to the vehicles, combined with what another part attached before. */
export function attachRunAttributes(vehicles: readonly Vehicle[], attrs: RunAttributes): void {
  for (const v of vehicles) {
    const before = attached.get(v);
    attached.set(v, before ? combine(before, attrs) : attrs);
  }
}

/** Copies of the vehicles carrying the attributes attached to them (the copies can take more). */
export function copyVehicles(vehicles: readonly Vehicle[]): Vehicle[] {
  return vehicles.map((v) => {
    const copy = { ...v };
    const attrs = attached.get(v);
    if (attrs) attached.set(copy, attrs);
    return copy;
  });
}

export function runAttributesOf(runs: readonly Run[]): RunAttributes | undefined {
  return runs.length ? attached.get(runs[0]!.vehicle) : undefined;
}
