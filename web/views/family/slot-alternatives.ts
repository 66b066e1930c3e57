/**
 * Turns the planner's per-day slot answer into a few whole-week alternatives a family can
 * choose from with one button. A standing request travels the same directions on each of its
 * days, so the alternatives cover the days where every asked direction fits (or, when there
 * are none, the one direction that fits on most days); alternative k takes the k-th cheapest
 * option of each day (or its last). Days with the same window are grouped
 * ("Lun, Mar, Mer: ritiro 07:05–07:15, arrivo 07:40").
 */
import { DIRECTIONS, type Direction, type Weekday } from '../../../server/contract/domain.ts';
import type { SlotAnswer, SlotChoice, SlotOption } from '../../../server/contract/slots.ts';

export interface SlotAlternative {
  /** What to book: these weekdays, these directions, this option per day. */
  weekdays: Weekday[];
  outbound: boolean;
  return: boolean;
  choice: SlotChoice;
  /** Per direction, groups of weekdays sharing the same promised window. */
  groups: { direction: Direction; weekdays: Weekday[]; option: SlotOption }[];
  addedCost: number;
}

/** A day and direction with no option: the server's code and English words, and the nearest time that would fit. */
export interface SlotProblem {
  weekday: Weekday;
  direction: Direction;
  reason?: string;
  message: string;
  fix?: string;
  nearest?: { at: string; note: string };
}

/** The days and directions a booking can cover: all asked directions if some day fits them all. */
function bookable(answer: SlotAnswer): { days: SlotAnswer['days']; dirs: Direction[] } {
  const asked = DIRECTIONS.filter((dir) => answer.days.some((d) => d[dir]));
  const fitting = (dirs: Direction[]) =>
    answer.days.filter((d) => dirs.every((dir) => (d[dir]?.options.length ?? 0) > 0));
  const all = fitting(asked);
  if (all.length) return { days: all, dirs: asked };
  const best = asked
    .map((dir) => ({ dirs: [dir], days: fitting([dir]) }))
    .sort((a, b) => b.days.length - a.days.length)[0];
  return best ?? { days: [], dirs: [] };
}

export function slotAlternatives(answer: SlotAnswer, max = 3): SlotAlternative[] {
  const { days, dirs } = bookable(answer);
  const depth = Math.max(0, ...days.flatMap((d) => dirs.map((dir) => d[dir]?.options.length ?? 0)));
  const alternatives: SlotAlternative[] = [];
  for (let k = 0; k < Math.min(depth, max); k++) {
    const choice: SlotChoice = {};
    const groups: SlotAlternative['groups'] = [];
    let addedCost = 0;
    for (const direction of dirs) {
      for (const day of days) {
        const options = day[direction]?.options ?? [];
        const idx = Math.min(k, options.length - 1);
        const option = options[idx];
        choice[day.weekday] = { ...choice[day.weekday], [direction]: idx };
        addedCost += option.addedCost;
        const same = groups.find(
          (g) =>
            g.direction === direction &&
            g.option.promise.from === option.promise.from &&
            g.option.promise.to === option.promise.to &&
            g.option.arriveAt === option.arriveAt,
        );
        if (same) same.weekdays.push(day.weekday);
        else groups.push({ direction, weekdays: [day.weekday], option });
      }
    }
    if (groups.length)
      alternatives.push({
        weekdays: days.map((d) => d.weekday),
        outbound: dirs.includes('outbound'),
        return: dirs.includes('return'),
        choice,
        groups,
        addedCost,
      });
  }
  return alternatives;
}

export function slotProblems(answer: SlotAnswer): SlotProblem[] {
  const problems: SlotProblem[] = [];
  for (const day of answer.days) {
    for (const direction of DIRECTIONS) {
      const trip = day[direction];
      if (!trip || trip.options.length) continue;
      problems.push({
        weekday: day.weekday,
        direction,
        reason: trip.reason,
        message: trip.message ?? trip.reason ?? '',
        fix: trip.fix,
        nearest: trip.nearest && {
          at: direction === 'outbound' ? trip.nearest.pickupAt : trip.nearest.arriveAt,
          note: trip.nearest.note,
        },
      });
    }
  }
  return problems;
}
