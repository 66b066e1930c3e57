import { describe, expect, it } from 'vitest';
import type { SlotAnswer, SlotOption } from '../../../server/contract/slots.ts';
import { slotAlternatives, slotProblems } from './slot-alternatives.ts';

const opt = (from: string, to: string, arrive: string, cost: number): SlotOption => ({
  vehicleId: 'v1',
  vehicleLabel: 'Van 1',
  run: 'am',
  promise: { from, to },
  pickupAt: from,
  arriveAt: arrive,
  addedCost: cost,
});

const answer: SlotAnswer = {
  planId: 'p',
  planVersion: 1,
  week: '2026-W49',
  feasible: false,
  lines: [],
  days: [
    {
      weekday: 'mon',
      date: '2026-11-30',
      outbound: {
        direction: 'outbound',
        options: [opt('07:05', '07:15', '07:40', 10), opt('07:20', '07:30', '07:55', 30)],
      },
    },
    {
      weekday: 'tue',
      date: '2026-12-01',
      outbound: { direction: 'outbound', options: [opt('07:05', '07:15', '07:40', 12)] },
    },
    {
      weekday: 'wed',
      date: '2026-12-02',
      outbound: {
        direction: 'outbound',
        options: [],
        message: 'no wheelchair place is free between 7:00 and 8:00',
        fix: 'ask for 8:15',
        nearest: { pickupAt: '08:15', arriveAt: '08:40', vehicleId: 'v1', note: 'collected 08:15' },
      },
    },
  ],
};

describe('a family chooses a whole-week slot with one button', () => {
  it('groups the days that share a window into the cheapest alternative first', () => {
    const [first, second] = slotAlternatives(answer);
    expect(first.groups).toHaveLength(1);
    expect(first.groups[0].weekdays).toEqual(['mon', 'tue']);
    expect(first.choice).toEqual({ mon: { outbound: 0 }, tue: { outbound: 0 } });
    expect(first).toMatchObject({ weekdays: ['mon', 'tue'], outbound: true, return: false });
    expect(first.addedCost).toBe(22);
    expect(second.choice).toEqual({ mon: { outbound: 1 }, tue: { outbound: 0 } });
    expect(second.groups.map((g) => g.weekdays)).toEqual([['mon'], ['tue']]);
  });

  it('says in plain words why a day has no slot and what would make it fit', () => {
    expect(slotProblems(answer)).toEqual([
      {
        weekday: 'wed',
        direction: 'outbound',
        reason: undefined,
        message: 'no wheelchair place is free between 7:00 and 8:00',
        fix: 'ask for 8:15',
        nearest: { at: '08:15', note: 'collected 08:15' },
      },
    ]);
  });

  it('books only the days where both trips fit, when some day fits both', () => {
    const both: SlotAnswer = {
      ...answer,
      days: [
        { ...answer.days[0], return: { direction: 'return', options: [opt('16:10', '16:20', '16:20', 5)] } },
        { ...answer.days[1], return: { direction: 'return', options: [] } },
      ],
    };
    const [first] = slotAlternatives(both);
    expect(first).toMatchObject({
      weekdays: ['mon'],
      outbound: true,
      return: true,
      choice: { mon: { outbound: 0, return: 0 } },
    });
  });

  it('offers nothing when no day has an option', () => {
    expect(slotAlternatives({ ...answer, days: [answer.days[2]] })).toEqual([]);
  });
});
