/**
 * The family's page: this week's trips of my household, a form to request a pickup slot
 * (passenger, service, weekdays, work hours) with the options the planner offers and a button
 * to confirm one, and a form to report an absence. Plain words, large targets.
 */
import { programmePanel } from '../programme/family-panel.ts';
import { pt } from '../programme/texts.ts';
import type { Weekday } from '../../../server/contract/domain.ts';
import type { Api } from '../../api/client.ts';
import type { FamilyHousehold, FamilyTrip } from '../../../server/contract/family.ts';
import type { SlotAnswer, SlotQuery } from '../../../server/contract/slots.ts';
import { slotAlternatives, slotProblems, type SlotAlternative, type SlotProblem } from './slot-alternatives.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { fixText, hasText, reasonText } from '../../i18n/reasons.ts';
import { clock, WEEKDAYS, weekdayOf } from '../../state/time.ts';
import { familyHandoverCodes } from '../safeguarding/family-codes.ts';
import { familiesApi } from '../../api/families.ts';
import type { AdultSchedule, Household } from '../../../server/contract/domain.ts';
import { isRich, scheduleWith, storedPair } from './stored-hours.ts';

const WORKDAYS: Weekday[] = WEEKDAYS.slice(0, 5);
const hhmm = (s: string | undefined) => (!s ? '' : s.length > 5 ? clock(s) : s);
const oneYearAfter = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

const dayList = (days: Weekday[]) => days.map((d) => t(`weekday.${d}`).slice(0, 3)).join(', ');

/** Why a day has no slot, what would make it fit and the nearest time that would, in the user's language. */
function problemLine(p: SlotProblem): string {
  const fix = p.fix || hasText('why', p.reason) ? fixText(p.reason, p.fix ?? '') : '';
  const nearest = p.nearest
    ? t(p.direction === 'outbound' ? 'family.nearestOutbound' : 'family.nearestReturn', { time: p.nearest.at })
    : '';
  return [reasonText(p.reason, p.message), fix && t('family.fix', { fix }), nearest].filter(Boolean).join(' ');
}

export function describeAlternative(alt: SlotAlternative, asked?: SlotQuery): string[] {
  const missing = asked
    ? [
        ...(asked.outbound !== false
          ? asked.weekdays
              .filter((d) => !alt.outbound || !alt.weekdays.includes(d))
              .map((d) => `${t(`weekday.${d}`).slice(0, 3)} ${t('family.outbound')}`)
          : []),
        ...(asked.return !== false
          ? asked.weekdays
              .filter((d) => !alt.return || !alt.weekdays.includes(d))
              .map((d) => `${t(`weekday.${d}`).slice(0, 3)} ${t('family.return')}`)
          : []),
      ]
    : [];
  const notCovered = missing.length ? [t('family.notCovered', { trips: missing.join(', ') })] : [];
  return [
    ...alt.groups.map(
      (g) =>
        `${t(g.direction === 'outbound' ? 'family.outbound' : 'family.return')} · ${dayList(g.weekdays)}: ${t(g.direction === 'outbound' ? 'family.pickup' : 'family.dropoffWindow', { from: hhmm(g.option.promise.from), to: hhmm(g.option.promise.to) })}${g.direction === 'outbound' ? `, ${t('family.arrives', { time: hhmm(g.option.arriveAt) })}` : ''}`,
    ),
    ...notCovered,
  ];
}

export function familyView(root: HTMLElement, api: Api, week: string): void {
  const tripsEl = h(
    'section',
    { class: 'panel', id: 'trips' },
    h('h2', {}, t('family.trips')),
    h('p', {}, t('app.loading')),
  );
  const slotEl = h('section', { class: 'panel', id: 'slot' });
  const absenceEl = h('section', { class: 'panel', id: 'absence' });
  const weekId = uid('family-week');
  const weekInput = h('input', {
    id: weekId,
    type: 'week',
    value: week,
    onchange: () => {
      if (weekInput.value) location.hash = `#/family?week=${weekInput.value}`;
    },
  });
  replace(
    root,
    h('h1', {}, t('family.heading')),
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: weekId }, t('coord.week')), weekInput),
    ),
    familyHandoverCodes(),
    h('p', {}, h('a', { href: `#/family/services?week=${week}` }, t('selfsvc.link'))),
    programmePanel(api),
    tripsEl,
    slotEl,
    absenceEl,
  );

  const loadTrips = async (household: FamilyHousehold) => {
    try {
      renderTrips(tripsEl, await api.trips(week), household);
    } catch (err) {
      replace(
        tripsEl,
        h('h2', {}, t('family.trips')),
        h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })),
      );
    }
  };

  void (async () => {
    let household: FamilyHousehold;
    try {
      household = await api.household();
    } catch (err) {
      replace(tripsEl, h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })));
      return;
    }
    const services =
      household.services ??
      (await api.listAll('services').catch(() => [])).map((s) => ({
        id: s.id,
        name: String((s as { name?: unknown }).name ?? s.id),
      }));
    renderSlotForm(slotEl, api, week, household, services, () => void loadTrips(household));
    renderAbsenceForm(absenceEl, api, household, () => void loadTrips(household));
    await loadTrips(household);
    if (root.isConnected) document.body.dataset.ready = 'family';
  })();
}

function renderTrips(container: HTMLElement, trips: FamilyTrip[], household: FamilyHousehold): void {
  const nameOf = (id: string | undefined) => household.passengers.find((p) => p.id === id)?.name ?? id ?? '';
  const sorted = [...trips].sort((a, b) => `${a.date}${a.pickup ?? ''}`.localeCompare(`${b.date}${b.pickup ?? ''}`));
  replace(
    container,
    h('h2', {}, t('family.trips')),
    sorted.length === 0
      ? h('p', {}, t('family.noTrips'))
      : h(
          'ul',
          { class: 'trips' },
          sorted.map((trip) =>
            h(
              'li',
              {},
              h('strong', {}, `${t(`weekday.${weekdayOf(trip.date)}`)} ${trip.date.slice(8)}/${trip.date.slice(5, 7)}`),
              ' · ',
              trip.name ?? nameOf(trip.passengerId),
              ' · ',
              trip.direction ? t(trip.direction === 'outbound' ? 'family.outbound' : 'family.return') : '',
              ' ',
              trip.pickup ? `${hhmm(trip.pickup)}` : '',
              trip.dropoff ? ` → ${hhmm(trip.dropoff)}` : '',
              trip.label ? ` · ${trip.label}` : '',
            ),
          ),
        ),
  );
}

function passengerSelect(id: string, household: FamilyHousehold): HTMLSelectElement {
  return h(
    'select',
    { id, required: true },
    household.passengers.map((p) => h('option', { value: p.id }, p.name)),
  );
}

export function renderSlotForm(
  container: HTMLElement,
  api: Api,
  week: string,
  household: FamilyHousehold,
  services: { id: string; name: string }[],
  onBooked: () => void,
): void {
  const ids = {
    passenger: uid('slot-passenger'),
    service: uid('slot-service'),
    leaves: uid('leaves'),
    back: uid('back'),
  };
  const passenger = passengerSelect(ids.passenger, household);
  const service: HTMLSelectElement | HTMLInputElement = services.length
    ? h(
        'select',
        { id: ids.service, required: true },
        services.map((s) => h('option', { value: s.id }, s.name)),
      )
    : h('input', { id: ids.service, required: true });
  // the hours shown are the stored ones; a query first saves them (never hours that are not stored)
  const stored = household.household as (Household & { schedules?: AdultSchedule[] }) | undefined;
  const pair = stored ? storedPair(stored, WORKDAYS) : null;
  const rich = stored ? isRich(stored) : false;
  const leaves = h('input', {
    id: ids.leaves,
    type: 'time',
    value: pair?.leaves ?? '07:30',
    required: true,
    disabled: rich,
  });
  const back = h('input', { id: ids.back, type: 'time', value: pair?.back ?? '17:30', required: true, disabled: rich });
  const dayBoxes = WORKDAYS.map((d) => {
    const id = uid(`day-${d}`);
    const box = h('input', { type: 'checkbox', id, value: d, checked: true });
    return { d, box, el: h('span', { class: 'check' }, box, h('label', { for: id }, t(`weekday.${d}`))) };
  });
  const results = h('div', { class: 'slot-results', 'aria-live': 'polite' });

  const showAnswer = (query: SlotQuery, answer: SlotAnswer) => {
    const alternatives = slotAlternatives(answer);
    const problems = slotProblems(answer);
    const dates = answer.days.map((d) => d.date).sort();
    replace(
      results,
      h('h3', {}, t('family.options')),
      alternatives.length === 0
        ? h('p', {}, t('family.noOptions'))
        : h(
            'ol',
            { class: 'options' },
            alternatives.map((alt) =>
              h(
                'li',
                { class: 'card' },
                h(
                  'ul',
                  {},
                  describeAlternative(alt, query).map((line) => h('li', {}, line)),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'primary',
                    onclick: async (ev: Event) => {
                      (ev.currentTarget as HTMLButtonElement).disabled = true;
                      try {
                        const booked = await api.slotBook(
                          { ...query, weekdays: alt.weekdays, outbound: alt.outbound, return: alt.return },
                          alt.choice,
                          dates[0],
                          oneYearAfter(dates[0]),
                        );
                        // Action A with approval: the booking waits for the coordinator (202, a pending request).
                        const pending = (booked as { status?: string } | undefined)?.status === 'pending';
                        const message = pending ? pt('pendingSent') : t('family.booked');
                        replace(
                          results,
                          h('p', { class: 'ok', role: 'status' }, message),
                          h(
                            'ul',
                            {},
                            describeAlternative(alt).map((line) => h('li', {}, line)),
                          ),
                        );
                        announce(message);
                        onBooked();
                      } catch (err) {
                        replace(
                          results,
                          h(
                            'p',
                            { class: 'error', role: 'alert' },
                            t('app.error', { message: (err as Error).message }),
                          ),
                        );
                      }
                    },
                  },
                  t('family.confirm'),
                ),
              ),
            ),
          ),
      problems.length
        ? h(
            'div',
            { class: 'problems' },
            h('h3', {}, t('family.problems')),
            h(
              'ul',
              {},
              problems.map((p) =>
                h(
                  'li',
                  {},
                  h(
                    'strong',
                    {},
                    `${t(`weekday.${p.weekday}`)} · ${t(p.direction === 'outbound' ? 'family.outbound' : 'family.return')}: `,
                  ),
                  problemLine(p),
                  hasText('why', p.reason) && p.message
                    ? h(
                        'details',
                        { class: 'detail' },
                        h('summary', {}, t('family.serverDetail')),
                        h('span', { lang: 'en' }, [p.message, p.fix, p.nearest?.note].filter(Boolean).join(' ')),
                      )
                    : null,
                ),
              ),
            ),
          )
        : null,
    );
  };

  replace(
    container,
    h('h2', {}, t('family.slot')),
    h(
      'form',
      {
        class: 'slot-form',
        onsubmit: async (ev: Event) => {
          ev.preventDefault();
          const query: SlotQuery = {
            week,
            passengerId: passenger.value,
            serviceId: service.value,
            weekdays: dayBoxes.filter((b) => b.box.checked).map((b) => b.d),
            workHours: { leaves: leaves.value, back: back.value },
          };
          replace(results, h('p', {}, t('app.loading')));
          try {
            if (stored && !rich) {
              const schedules = scheduleWith(stored, query.weekdays, leaves.value, back.value);
              await familiesApi(api).schedules({ schedules });
              stored.schedules = schedules;
            }
            showAnswer(query, await api.slotQuery(query));
          } catch (err) {
            replace(
              results,
              h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })),
            );
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: ids.passenger }, t('family.passenger')), passenger),
      h('div', { class: 'field' }, h('label', { for: ids.service }, t('family.service')), service),
      h(
        'fieldset',
        {},
        h('legend', {}, t('family.weekdays')),
        dayBoxes.map((b) => b.el),
      ),
      h('div', { class: 'field' }, h('label', { for: ids.leaves }, t('family.leaves')), leaves),
      h('div', { class: 'field' }, h('label', { for: ids.back }, t('family.back')), back),
      h('p', { class: 'hint' }, t(rich ? 'selfsvc.hoursStoredRich' : 'selfsvc.hoursSaved')),
      h('button', { type: 'submit', class: 'primary', id: 'slot-search' }, t('family.search')),
    ),
    results,
  );
}

function renderAbsenceForm(container: HTMLElement, api: Api, household: FamilyHousehold, onDone: () => void): void {
  const pid = uid('abs-passenger');
  const did = uid('abs-date');
  const passenger = passengerSelect(pid, household);
  const date = h('input', { id: did, type: 'date', required: true });
  const result = h('p', { role: 'status' });
  replace(
    container,
    h('h2', {}, t('family.absence')),
    h(
      'form',
      {
        class: 'absence-form',
        onsubmit: async (ev: Event) => {
          ev.preventDefault();
          try {
            await api.absence(passenger.value, date.value);
            result.textContent = t('family.absenceDone', {
              name: passenger.selectedOptions[0]?.textContent ?? passenger.value,
              date: date.value,
            });
            onDone();
          } catch (err) {
            result.textContent = t('app.error', { message: (err as Error).message });
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: pid }, t('family.passenger')), passenger),
      h('div', { class: 'field' }, h('label', { for: did }, t('family.date')), date),
      h('button', { type: 'submit' }, t('family.send')),
    ),
    result,
  );
}
