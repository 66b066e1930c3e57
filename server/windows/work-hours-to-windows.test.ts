import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHhMm, toSeconds } from './time-of-day.ts';
import {
  DEFAULT_WINDOW_CONFIG,
  maxRideS,
  workHoursToWindows,
  type TripResult,
  type TripWindows,
  type WindowInput,
} from './work-hours-to-windows.ts';

const school = {
  name: 'Scuola primaria (demo) Castellanza',
  hours: { open: { from: '07:30', to: '17:00' }, activity: { from: '08:30', to: '16:15' } },
};
const base: WindowInput = {
  weekday: 'mon',
  service: school,
  directS: 15 * 60,
  boardingS: 120,
  alightingS: 120,
  outbound: true,
  return: true,
};

const asHhMm = (r: TripResult | undefined) => {
  if (!r?.feasible) throw new Error(`expected feasible, got ${JSON.stringify(r)}`);
  return {
    pickup: [toHhMm(r.pickup.fromS), toHhMm(r.pickup.toS)],
    delivery: [toHhMm(r.delivery.fromS), toHhMm(r.delivery.toS)],
    maxRideMin: r.maxRideS / 60,
  };
};

describe('from work hours to time windows', () => {
  it('Luca goes to school at 08:30; his mother leaves for work at 07:50, so he is collected between 06:53 and 07:38', () => {
    const r = workHoursToWindows({ ...base, work: { leaves: '07:50', back: '17:00' } });
    // maxRide = max(1.5 × 15, 15 + 20) = 35 min; arrival 07:30 (opening) – 08:28 (alighting done by 08:30);
    // pickup from 07:30 − 35 − 2 = 06:53; boarding over 10 min before she leaves: by 07:38;
    // so he arrives by 07:38 + 2 + 35 = 08:15 at the latest.
    expect(asHhMm(r.outbound)).toEqual({ pickup: ['06:53', '07:38'], delivery: ['07:30', '08:15'], maxRideMin: 35 });
  });

  it('Luca is brought home after his mother is back at 17:00 (not before 17:10) and within the ride rule', () => {
    const r = workHoursToWindows({ ...base, work: { leaves: '07:50', back: '17:00' } });
    // collected 16:15–17:00 (school closes at 17:00); home by 17:00 + 2 + 35 = 17:37 at the latest.
    expect(asHhMm(r.return)).toEqual({ pickup: ['16:33', '17:00'], delivery: ['17:10', '17:37'], maxRideMin: 35 });
  });

  it('a child is never collected after the adult leaves for work, nor brought home before an adult is back (any hours)', () => {
    const seen = { outbound: 0, return: 0, refused: 0 };
    const hhmm = fc.integer({ min: 5 * 60, max: 21 * 60 }).map((m) => toHhMm(m * 60));
    fc.assert(
      fc.property(
        hhmm,
        fc.integer({ min: 30, max: 600 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 6 * 60, max: 10 * 60 }),
        fc.integer({ min: 60, max: 480 }),
        (leaves, awayMin, directS, boardingS, activityStartMin, activityMin) => {
          const backS = toSeconds(leaves) + awayMin * 60;
          if (backS >= 24 * 3600) return;
          const back = toHhMm(backS);
          const start = activityStartMin * 60;
          const end = Math.min(start + activityMin * 60, 22 * 3600);
          const service = {
            name: 'S',
            hours: {
              open: { from: toHhMm(start - 3600), to: toHhMm(end + 1800) },
              activity: { from: toHhMm(start), to: toHhMm(end) },
            },
          };
          const r = workHoursToWindows({
            ...base,
            service,
            directS,
            boardingS,
            alightingS: boardingS,
            work: { leaves, back },
          });
          const awayFrom = toSeconds(leaves) - DEFAULT_WINDOW_CONFIG.handoverMarginMin * 60;
          const homeAgain = toSeconds(back) + DEFAULT_WINDOW_CONFIG.returnMarginMin * 60;
          const outsideAway = (fromS: number, toS: number, handS: number) =>
            toS + handS <= awayFrom || fromS >= homeAgain;
          if (r.outbound?.feasible)
            expect(outsideAway(r.outbound.pickup.fromS, r.outbound.pickup.toS, boardingS)).toBe(true);
          if (r.return?.feasible)
            expect(outsideAway(r.return.delivery.fromS, r.return.delivery.toS, boardingS)).toBe(true);
          seen.outbound += r.outbound?.feasible ? 1 : 0;
          seen.return += r.return?.feasible ? 1 : 0;
          seen.refused += r.outbound?.feasible && r.return?.feasible ? 0 : 1;
          for (const t of [r.outbound, r.return]) {
            if (!t?.feasible) continue;
            expect(t.pickup.toS).toBeGreaterThanOrEqual(t.pickup.fromS);
            expect(t.delivery.toS).toBeGreaterThanOrEqual(t.delivery.fromS);
            // both windows can hold together: the latest pickup still arrives in time on the direct route
            expect(t.pickup.fromS + boardingS + directS).toBeLessThanOrEqual(t.delivery.toS);
            expect(t.delivery.fromS - t.pickup.toS - boardingS).toBeLessThanOrEqual(t.maxRideS);
          }
        },
      ),
      { numRuns: 500, seed: 7 },
    );
    // the property was exercised on both feasible and refused trips
    expect(Math.min(seen.outbound, seen.return, seen.refused)).toBeGreaterThan(50);
  });

  it('the activity ends at 16:00 but nobody is home before 18:30: reported with its reason and what would fix it', () => {
    const service = {
      name: 'CDD (demo) Castellanza',
      hours: { open: { from: '08:30', to: '16:30' }, activity: { from: '09:00', to: '16:00' } },
    };
    const r = workHoursToWindows({ ...base, service, weekday: 'wed', work: { leaves: '08:00', back: '18:30' } }).return;
    expect(r).toEqual({
      feasible: false,
      reason: 'RETURN_BEFORE_ADULT_BACK',
      message: expect.stringMatching(
        /ends at 16:00.*until 16:30.*nobody is home before 18:40 \(the adult is back at 18:30, plus 10 min\)/,
      ),
      fix: expect.stringMatching(/later service.*another adult.*on wed.*another drop-off address/),
    });
  });

  it('a parent on the 06:00 shift cannot hand the child over for an 08:30 school: reported, with the fix', () => {
    const r = workHoursToWindows({ ...base, work: { leaves: '05:40', back: '14:20' } });
    expect(r.outbound).toMatchObject({
      feasible: false,
      reason: 'OUTBOUND_AFTER_ADULT_LEAVES',
      message: expect.stringMatching(/leaves for work at 05:40.*aboard by 05:30/),
      fix: expect.stringMatching(/Another adult/),
    });
    // back at 14:20, the same family can receive the child at the end of school
    expect(r.return?.feasible).toBe(true);
  });

  it('an afternoon-shift parent hands the child over in the morning but nobody receives her at 16:30', () => {
    const r = workHoursToWindows({ ...base, work: { leaves: '13:30', back: '22:00' } });
    expect(r.outbound?.feasible).toBe(true);
    expect(r.return).toMatchObject({ feasible: false, reason: 'RETURN_BEFORE_ADULT_BACK' });
  });

  it('an elderly man with nobody working at home just follows the day centre hours', () => {
    const cdi = {
      name: 'CDI (demo) Cardano al Campo',
      hours: { open: { from: '08:00', to: '17:30' }, activity: { from: '09:00', to: '17:00' } },
    };
    const r = workHoursToWindows({ ...base, service: cdi, directS: 20 * 60, boardingS: 300, alightingS: 300 });
    // maxRide = max(30, 40) = 40 min; arrival 08:00–08:55; pickup 08:00 − 40 − 5 = 07:15 … 08:55 − 20 − 5 = 08:30
    expect(asHhMm(r.outbound)).toEqual({ pickup: ['07:15', '08:30'], delivery: ['08:00', '08:55'], maxRideMin: 40 });
    // collected 17:00–17:30 (closing), home 17:25 … 17:30 + 5 + 40 = 18:15
    expect(asHhMm(r.return)).toEqual({ pickup: ['17:00', '17:30'], delivery: ['17:25', '18:15'], maxRideMin: 40 });
  });

  it('a promised pickup from a booked slot is kept as a hard window, and one that no longer fits is reported', () => {
    const work = { leaves: '07:50', back: '17:00' };
    const kept = workHoursToWindows({ ...base, work, promised: { pickup: { from: '07:25', to: '07:35' } } });
    expect(asHhMm(kept.outbound).pickup).toEqual(['07:25', '07:35']);
    const broken = workHoursToWindows({ ...base, work, promised: { pickup: { from: '07:45', to: '08:00' } } });
    expect(broken.outbound).toMatchObject({
      feasible: false,
      reason: 'PROMISE_CONFLICT',
      message: expect.stringContaining('07:45–08:00'),
      fix: expect.stringContaining('new slot'),
    });
  });

  it('a service closed that weekday gives no windows but a reason', () => {
    const r = workHoursToWindows({ ...base, service: { name: 'Scuola', hours: undefined }, weekday: 'sat' });
    expect(r.outbound).toMatchObject({
      feasible: false,
      reason: 'SERVICE_CLOSED',
      message: 'Scuola is closed on sat.',
    });
    expect(r.return).toMatchObject({ feasible: false, reason: 'SERVICE_CLOSED' });
  });

  it('a school starting at 07:00 half an hour away would need a pickup before 06:30', () => {
    const early = {
      name: 'Early',
      hours: { open: { from: '06:30', to: '13:00' }, activity: { from: '07:00', to: '12:00' } },
    };
    const r = workHoursToWindows({ ...base, service: early, directS: 35 * 60 });
    expect(r.outbound).toMatchObject({
      feasible: false,
      reason: 'ACTIVITY_TOO_EARLY',
      message: expect.stringContaining('06:30'),
    });
  });

  it('only the trips asked for are computed', () => {
    const r = workHoursToWindows({ ...base, return: false });
    expect(r.outbound?.feasible).toBe(true);
    expect(r.return).toBeUndefined();
  });

  it('ride time is max(1.5 × direct, direct + 20 min) by default and follows the configuration', () => {
    expect(maxRideS(600)).toBe(1800);
    expect(maxRideS(3600)).toBe(5400);
    expect(maxRideS(600, { ...DEFAULT_WINDOW_CONFIG, rideFactor: 2, rideExtraMin: 5 })).toBe(1200);
    const tight = workHoursToWindows({ ...base }, { ...DEFAULT_WINDOW_CONFIG, arriveBeforeActivityMaxMin: 10 })
      .outbound as TripWindows;
    expect(toHhMm(tight.delivery.fromS)).toBe('08:20');
  });

  it('rejects a negative direct time naming it', () => {
    expect(() => workHoursToWindows({ ...base, directS: -1 })).toThrow(/directS.*-1/);
  });
});
