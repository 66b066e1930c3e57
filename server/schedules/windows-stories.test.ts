/**
 * Stories of the windows rule with per-adult schedules, one per case of issue 11. Every story uses
 * the same school and numbers so the expected windows can be worked out by hand:
 *
 *   School: open 07:30–17:00, lessons 08:30–16:15. Direct trip 15 min everywhere (directS = 900),
 *   boarding 2 min, alighting 2 min. Defaults: handover margin 10 min, return margin 10 min,
 *   earliest pickup 06:30, latest drop-off 20:00, arrive ≤ 60 min before, collect ≤ 60 min after.
 *   maxRide = max(1.5 × 15, 15 + 20) = 35 min.
 *
 *   Nobody away ("baseline"):
 *     outbound delivery = [max(07:30, 08:30 − 60), 08:30 − 2] = [07:30, 08:28]
 *     outbound pickup   = [max(07:30 − 35 − 2, 06:30), 08:28 − 15 − 2] = [06:53, 08:11]
 *     return pickup     = [16:15, min(17:00, 16:15 + 60)] = [16:15, 17:00]
 *     return drop-off   = [16:15 + 2 + 15, 17:00 + 2 + 35] = [16:32, 17:37]
 *   An away interval [a, b] blocks a home pickup in (a − 10 − 2, b + 10) and a drop-off likewise
 *   (the longest remaining part is kept); then the other end is tightened with the ride rule.
 *
 * Dates are school days of 2026/27 (Mon 30 Nov – Thu 3 Dec 2026).
 */
import { describe, expect, it } from 'vitest';
import {
  type AdultSchedule,
  type Household,
  type Service,
  type StandingRequest,
  WEEKDAYS,
  WORKDAYS,
  DIRECTIONS,
} from '../contract/domain.ts';
import { domainContext } from '../domain/domain-context.ts';
import { requestWindows, type RequestDay } from '../domain/request-windows.ts';
import { expandWeek } from '../domain/expand-week.ts';
import { weekdayOf } from '../domain/calendar.ts';
import { toSeconds } from '../windows/time-of-day.ts';
import { aPassenger } from '../../test/helpers/passenger.ts';
import { rotaWeekIndex } from './away.ts';

const place = (label: string, lat = 45.6112, lon = 8.8999) => ({ label, lat, lon, istatCode: '012042' });
const school: Service = {
  id: 'school',
  name: 'Scuola',
  kind: 'school',
  place: place('Scuola, Castellanza'),
  hours: Object.fromEntries(
    WORKDAYS.map((d) => [d, { open: { from: '07:30', to: '17:00' }, activity: { from: '08:30', to: '16:15' } }]),
  ),
  closures: [],
  synthetic: true,
};
const therapy: Service = {
  id: 'therapy',
  name: 'Terapia',
  kind: 'therapy',
  place: place('Terapia, Castellanza', 45.62, 8.9),
  hours: Object.fromEntries(
    WORKDAYS.map((d) => [d, { open: { from: '14:00', to: '19:00' }, activity: { from: '17:00', to: '18:00' } }]),
  ),
  closures: [],
  synthetic: true,
};

const allWeek = (from: string, to: string, overnight = false) =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from, to, overnight }]]));

function household(schedules: AdultSchedule[] | undefined): Household {
  return {
    id: 'h',
    name: 'Famiglia',
    home: place('Casa, Castellanza'),
    adults: [{ name: 'Anna', phone: '' }],
    workHours: {},
    schedules,
    synthetic: true,
  };
}
const passenger = aPassenger;
const request = (extra: Partial<StandingRequest> = {}): StandingRequest => ({
  id: 'r',
  passengerId: 'p',
  serviceId: 'school',
  weekdays: [...WORKDAYS],
  validFrom: '2026-09-14',
  validTo: '2027-06-08',
  outbound: true,
  return: true,
  exceptions: [],
  ...extra,
});

const hhmm = (w: { fromS: number; toS: number }) =>
  `${String(Math.floor(w.fromS / 3600)).padStart(2, '0')}:${String((w.fromS / 60) % 60).padStart(2, '0')}–${String(Math.floor(w.toS / 3600)).padStart(2, '0')}:${String((w.toS / 60) % 60).padStart(2, '0')}`;

function day(h: Household, date: string, r = request(), p = passenger()): RequestDay {
  const context = domainContext(
    { services: [school, therapy], households: [h], passengers: [p] },
    { directS: () => 900 },
  );
  const result = requestWindows(r, weekdayOf(date), context, date);
  if ('missing' in result) throw new Error(JSON.stringify(result.missing));
  return result;
}
function windows(d: RequestDay) {
  const out: Record<string, string> = {};
  for (const dir of DIRECTIONS) {
    const t = d.windows[dir];
    if (!t) continue;
    out[dir] = t.feasible ? `pickup ${hhmm(t.pickup)}, delivery ${hhmm(t.delivery)}` : t.reason;
  }
  return out;
}

describe('windows rule with per-adult schedules', () => {
  it('split shift: away 07:45–12:00 and 13:00–16:40', () => {
    // outbound: blocked (07:33, 12:10) → pickup [06:53, 07:33]; delivery [07:30, min(08:28, 07:33+37)] = [07:30, 08:10]
    // return: blocked (07:33, 12:10) and (12:48, 16:50) → drop-off [16:50, 17:37];
    //         pickup [max(16:15, 16:50−37), min(17:00, 17:37−17)] = [16:15, 17:00]
    const split: AdultSchedule = {
      adult: 'Anna',
      receives: true,
      weekly: {
        mon: [
          { from: '07:45', to: '12:00', overnight: false },
          { from: '13:00', to: '16:40', overnight: false },
        ],
      },
      exceptions: [],
    };
    expect(windows(day(household([split]), '2026-11-30'))).toEqual({
      outbound: 'pickup 06:53–07:33, delivery 07:30–08:10',
      return: 'pickup 16:15–17:00, delivery 16:50–17:37',
    });
  });

  it('night shift crossing midnight, and a return before the evening shift', () => {
    // every day 17:30 → 07:00 next day. Tuesday: away [00:00, 07:00] (Monday's shift) and [17:30, 24:00].
    // outbound: blocked up to 07:10 → pickup [07:10, 08:11]; delivery [max(07:30, 07:27), min(08:28, 08:48)] = [07:30, 08:28]
    // return: blocked from 17:30 − 10 − 2 = 17:18 → drop-off [16:32, 17:18];
    //         pickup [max(16:15, 16:32−37), min(17:00, 17:18−17)] = [16:15, 17:00]
    const night: AdultSchedule = {
      adult: 'Anna',
      receives: true,
      weekly: allWeek('17:30', '07:00', true),
      exceptions: [],
    };
    expect(windows(day(household([night]), '2026-12-01'))).toEqual({
      outbound: 'pickup 07:10–08:11, delivery 07:30–08:28',
      return: 'pickup 16:15–17:00, delivery 16:32–17:18',
    });
  });

  it('rota of two weeks from Monday 23 Nov 2026: week 2 (30 Nov – 6 Dec) is the afternoon shift', () => {
    // week 1 = 06:00–14:00, week 2 = 14:00–22:00. Tue 1 Dec is in week 2: away [14:00, 22:00].
    // outbound: blocked (13:48, 22:10) → pickup unchanged [06:53, 08:11]; delivery [07:30, 08:28]
    // return: drop-off [16:32, 17:37] lies inside (13:48, 22:10) → nobody home: RETURN_BEFORE_ADULT_BACK
    // week 1 (Tue 24 Nov): blocked (05:48, 14:10) → no outbound pickup; return baseline [16:32, 17:37], pickup [16:15, 17:00]
    const rota: AdultSchedule = {
      adult: 'Anna',
      receives: true,
      rota: { startDate: '2026-11-23', weeks: [allWeek('06:00', '14:00'), allWeek('14:00', '22:00')] },
      exceptions: [],
    };
    expect(rotaWeekIndex(rota.rota!, '2026-12-01')).toBe(1);
    expect(rotaWeekIndex(rota.rota!, '2026-12-08')).toBe(0);
    expect(rotaWeekIndex(rota.rota!, '2026-12-17')).toBe(1);
    expect(windows(day(household([rota]), '2026-12-01'))).toEqual({
      outbound: 'pickup 06:53–08:11, delivery 07:30–08:28',
      return: 'RETURN_BEFORE_ADULT_BACK',
    });
    expect(windows(day(household([rota]), '2026-11-24'))).toEqual({
      outbound: 'OUTBOUND_AFTER_ADULT_LEAVES',
      return: 'pickup 16:15–17:00, delivery 16:32–17:37',
    });
  });

  it('dated exception: a day off on Wed 2 Dec replaces the 08:00–17:00 shift', () => {
    // regular Tue: blocked (07:48, 17:10) → pickup [06:53, 07:48], delivery [07:30, min(08:28, 08:25)] = [07:30, 08:25];
    //   drop-off [17:10, 17:37], return pickup [max(16:15, 16:33), min(17:00, 17:20)] = [16:33, 17:00]
    // Wed 2 Dec (exception, no shifts): the baseline windows.
    const anna: AdultSchedule = {
      adult: 'Anna',
      receives: true,
      weekly: allWeek('08:00', '17:00'),
      exceptions: [{ date: '2026-12-02', shifts: [], note: 'ferie' }],
    };
    expect(windows(day(household([anna]), '2026-12-01'))).toEqual({
      outbound: 'pickup 06:53–07:48, delivery 07:30–08:25',
      return: 'pickup 16:33–17:00, delivery 17:10–17:37',
    });
    expect(windows(day(household([anna]), '2026-12-02'))).toEqual({
      outbound: 'pickup 06:53–08:11, delivery 07:30–08:28',
      return: 'pickup 16:15–17:00, delivery 16:32–17:37',
    });
  });

  it("grandparents' address on Wednesday, with the grandmother as the receiving adult", () => {
    // parents away 07:00–18:00 every day: at home blocked (06:48, 18:10) → no outbound, no return.
    // Wed at the grandmother's (out 09:00–11:00): blocked (08:48, 11:10) → baseline windows, delivered to her address.
    const parents: AdultSchedule[] = [
      { adult: 'Anna', receives: true, weekly: allWeek('07:00', '18:00'), exceptions: [] },
      { adult: 'Marco', receives: true, weekly: allWeek('07:00', '18:00'), exceptions: [] },
    ];
    const grandma = place('Casa della nonna, Fagnano Olona', 45.669, 8.8728);
    const r = request({
      otherAddresses: [
        {
          weekdays: ['wed'],
          place: grandma,
          receivers: [
            {
              adult: 'Nonna Rosa',
              receives: true,
              weekly: { wed: [{ from: '09:00', to: '11:00', overnight: false }] },
              exceptions: [],
            },
          ],
        },
      ],
    });
    const wed = day(household(parents), '2026-12-02', r);
    expect(wed.home.label).toBe('Casa della nonna, Fagnano Olona');
    expect(windows(wed)).toEqual({
      outbound: 'pickup 06:53–08:11, delivery 07:30–08:28',
      return: 'pickup 16:15–17:00, delivery 16:32–17:37',
    });
    expect(windows(day(household(parents), '2026-12-03', r))).toEqual({
      outbound: 'OUTBOUND_AFTER_ADULT_LEAVES',
      return: 'RETURN_BEFORE_ADULT_BACK',
    });
  });

  it('chained services: school → therapy, home only after the therapy', () => {
    // adult away 07:45–18:30.
    // outbound: blocked (07:33, 18:40) → pickup [06:53, 07:33], delivery [07:30, 08:10]
    // leg school → therapy (open 14:00–19:00, activity 17:00–18:00):
    //   pickup at school [16:15, 17:00]; arrival [max(14:00, 16:00), 17:00 − 2] = [16:00, 16:58];
    //   pickup tightened [max(16:15, 16:00−37), min(17:00, 16:58−17)] = [16:15, 16:41];
    //   arrival tightened [max(16:00, 16:15+17), min(16:58, 16:41+37)] = [16:32, 16:58]
    // return from therapy: pickup [18:00, 19:00], drop-off [18:17, 19:37] minus (07:33, 18:40) = [18:40, 19:37];
    //   pickup tightened [max(18:00, 18:03), min(19:00, 19:20)] = [18:03, 19:00]
    // (without the chain the return from school at 16:32–17:37 would find nobody home)
    const anna: AdultSchedule = { adult: 'Anna', receives: true, weekly: allWeek('07:45', '18:30'), exceptions: [] };
    const r = request({ chain: [{ serviceId: 'therapy' }] });
    const d = day(household([anna]), '2026-11-30', r);
    expect(windows(d)).toEqual({
      outbound: 'pickup 06:53–07:33, delivery 07:30–08:10',
      return: 'pickup 18:03–19:00, delivery 18:40–19:37',
    });
    expect(d.legs).toHaveLength(1);
    const leg = d.legs[0].result;
    expect(leg.feasible && `pickup ${hhmm(leg.pickup)}, delivery ${hhmm(leg.delivery)}`).toBe(
      'pickup 16:15–16:41, delivery 16:32–16:58',
    );
    expect(windows(day(household([anna]), '2026-11-30')).return).toBe('RETURN_BEFORE_ADULT_BACK');

    // the week: three trips a day (home → school, school → therapy, therapy → home)
    const week = expandWeek(
      { services: [school, therapy], households: [household([anna])], passengers: [passenger()], requests: [r] },
      '2026-W49',
      { directS: () => 900 },
    );
    const monday = week.trips.filter((t) => t.date === '2026-11-30');
    expect(monday.map((t) => `${t.requestId}:${t.direction} ${t.from.label} → ${t.to.label}`)).toEqual([
      'r:outbound Casa, Castellanza → Scuola, Castellanza',
      'r.leg1:outbound Scuola, Castellanza → Terapia, Castellanza',
      'r:return Terapia, Castellanza → Casa, Castellanza',
    ]);
    expect(monday[1].pickup).toEqual({ fromS: toSeconds('16:15'), toS: toSeconds('16:41') });
  });

  it('autonomous adult: can be left alone, so the home handover rule does not apply to them only', () => {
    // the only adult at home is away 07:00–19:00: a passenger who needs a handover gets neither trip,
    // the autonomous one gets the baseline windows.
    const away: AdultSchedule = { adult: 'Anna', receives: true, weekly: allWeek('07:00', '19:00'), exceptions: [] };
    expect(windows(day(household([away]), '2026-11-30'))).toEqual({
      outbound: 'OUTBOUND_AFTER_ADULT_LEAVES',
      return: 'RETURN_BEFORE_ADULT_BACK',
    });
    expect(
      windows(day(household([away]), '2026-11-30', request(), passenger({ canBeAlone: true, ageGroup: 'adult' }))),
    ).toEqual({
      outbound: 'pickup 06:53–08:11, delivery 07:30–08:28',
      return: 'pickup 16:15–17:00, delivery 16:32–17:37',
    });
  });

  it('two adults: outbound before the last of them leaves, return after the first is back', () => {
    // Anna away 07:00–15:00, Marco away 08:00–17:30: nobody home 08:00–15:00.
    // outbound: blocked (07:48, 15:10) → pickup [06:53, 07:48], delivery [07:30, 08:25]
    // return: drop-off [16:32, 17:37] is after 15:10 → baseline drop-off, pickup [16:15, 17:00]
    const both: AdultSchedule[] = [
      { adult: 'Anna', receives: true, weekly: allWeek('07:00', '15:00'), exceptions: [] },
      { adult: 'Marco', receives: true, weekly: allWeek('08:00', '17:30'), exceptions: [] },
    ];
    expect(windows(day(household(both), '2026-11-30'))).toEqual({
      outbound: 'pickup 06:53–07:48, delivery 07:30–08:25',
      return: 'pickup 16:15–17:00, delivery 16:32–17:37',
    });
  });
});
