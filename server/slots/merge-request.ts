/**
 * A booking adds to what a passenger already has, never replaces it: the booked weekdays and
 * directions tighten the passenger's existing standing request when it already covers them
 * (same validity), and otherwise become a request of their own, with the earlier requests split
 * so that each of their other weekdays and directions — and its promised window — stays.
 */
import { DIRECTIONS, type Direction, type StandingRequest, type Weekday } from '../contract/domain.ts';
import { addDays } from '../domain/calendar.ts';

type Promised = NonNullable<StandingRequest['promised']>;

export interface RequestMerge {
  /** The request that holds the booked trips: an earlier one tightened, or a new one. */
  request: StandingRequest;
  /** Earlier requests changed (or split off) to make room; written as they are. */
  updatedRequests: StandingRequest[];
  removedRequestIds: string[];
  /** Planned trips whose request changed id: trips of `from` on these weekdays and direction now belong to `to`. */
  moved: Array<{ from: string; to: string; weekdays: Weekday[]; direction: Direction }>;
}

const directionsOf = (r: Pick<StandingRequest, 'outbound' | 'return'>): Direction[] => DIRECTIONS.filter((d) => r[d]);
const FIELD: Record<Direction, 'pickup' | 'dropoff'> = { outbound: 'pickup', return: 'dropoff' };

/** The promised windows of the given weekdays and directions only. */
function promisedFor(
  promised: StandingRequest['promised'],
  weekdays: Weekday[],
  directions: Direction[],
): Promised | undefined {
  if (!promised) return undefined;
  const out: Promised = {};
  for (const d of weekdays) {
    const p = promised[d];
    if (!p) continue;
    const kept = Object.fromEntries(
      directions.map((dir) => [FIELD[dir], p[FIELD[dir]]]).filter(([, w]) => w !== undefined),
    );
    if (Object.keys(kept).length) out[d] = kept;
  }
  return out;
}

/** `stem`, or `stem-2`, `stem-3`… whichever no request has yet; taken from then on. */
function freeId(stem: string, taken: Set<string>): string {
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

export function mergeBooking(booked: StandingRequest, earlier: StandingRequest[], takenIds: Set<string>): RequestMerge {
  const bookedDays = new Set(booked.weekdays);
  const bookedDirs = directionsOf(booked);
  const target = earlier.find(
    (r) =>
      booked.weekdays.every((d) => r.weekdays.includes(d)) &&
      bookedDirs.every((d) => r[d]) &&
      r.validFrom === booked.validFrom &&
      r.validTo === booked.validTo,
  );
  if (target) {
    const promised: Promised = { ...target.promised };
    for (const d of booked.weekdays) promised[d] = { ...promised[d], ...booked.promised?.[d] };
    return { request: { ...target, promised }, updatedRequests: [], removedRequestIds: [], moved: [] };
  }
  const taken = new Set([...takenIds, booked.id]);
  const merge: RequestMerge = { request: booked, updatedRequests: [], removedRequestIds: [], moved: [] };
  for (const r of earlier) {
    const overlapDays = r.weekdays.filter((d) => bookedDays.has(d));
    if (overlapDays.length === 0 || !bookedDirs.some((d) => r[d])) continue;
    const otherDays = r.weekdays.filter((d) => !bookedDays.has(d));
    const leftDirs = directionsOf(r).filter((d) => !bookedDirs.includes(d));
    if (otherDays.length)
      merge.updatedRequests.push({
        ...r,
        weekdays: otherDays,
        promised: promisedFor(r.promised, otherDays, directionsOf(r)),
      });
    if (leftDirs.length) {
      let id = r.id;
      if (otherDays.length) {
        id = freeId(`${r.id.slice(0, 50)}-${leftDirs[0]}`, taken);
        merge.moved.push({ from: r.id, to: id, weekdays: overlapDays, direction: leftDirs[0] });
      }
      merge.updatedRequests.push({
        ...r,
        id,
        weekdays: overlapDays,
        outbound: leftDirs.includes('outbound'),
        return: leftDirs.includes('return'),
        promised: promisedFor(r.promised, overlapDays, leftDirs),
      });
    }
    // Outside the booking's validity the earlier request still holds the booked weekdays and directions.
    const bookedHere = directionsOf(r).filter((d) => bookedDirs.includes(d));
    const outside = [
      { suffix: 'until', validFrom: r.validFrom, validTo: addDays(booked.validFrom, -1) },
      { suffix: 'after', validFrom: addDays(booked.validTo, 1), validTo: r.validTo },
    ].filter((p) => p.validFrom <= p.validTo);
    for (const p of outside) {
      const id = freeId(`${r.id.slice(0, 50)}-${p.suffix}`, taken);
      merge.updatedRequests.push({
        ...r,
        id,
        weekdays: overlapDays,
        validFrom: p.validFrom,
        validTo: p.validTo,
        outbound: bookedHere.includes('outbound'),
        return: bookedHere.includes('return'),
        promised: promisedFor(r.promised, overlapDays, bookedHere),
      });
    }
    if (!otherDays.length && !leftDirs.length && !outside.length) merge.removedRequestIds.push(r.id);
  }
  return merge;
}
