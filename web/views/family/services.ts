/**
 * The family's self-service page (#/family/services): the catalogue of services open to the
 * household (by kind, with hours); booking one for some weekdays (Saturday too where it is open)
 * from a date; each request with its state and a button to cancel it; an absence over a range of
 * days; why a trip of a week is not there; and the address of the household's calendar feed.
 */
import type { ServiceKind, Weekday } from '../../../server/contract/domain.ts';
import type { CatalogueEntry, FamilyRequest } from '../../../server/contract/families.ts';
import type { Api } from '../../api/client.ts';
import { familiesApi } from '../../api/families.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { WEEKDAYS } from '../../state/time.ts';
import type { AdultSchedule, Household, Shift } from '../../../server/contract/domain.ts';
import { parseShifts, shiftsText, withWeekly } from './schedule-text.ts';

const KINDS: ServiceKind[] = [
  'school',
  'nursery',
  'summer_camp',
  'therapy',
  'day_centre_disabled',
  'elderly_day_centre',
  'other',
];

function field(label: string, input: HTMLElement & { id: string }): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

function hoursText(s: CatalogueEntry): string {
  return WEEKDAYS.filter((d) => s.hours[d])
    .map((d) => `${t(`weekday.${d}`).slice(0, 3)} ${s.hours[d]!.open.from}–${s.hours[d]!.open.to}`)
    .join(', ');
}

export function familyServicesView(root: HTMLElement, api: Api, week: string, today: string): void {
  const f = familiesApi(api);
  const hoursEl = h('section', { class: 'panel', id: 'work-hours' });
  const catalogueEl = h('section', { class: 'panel', id: 'catalogue' });
  const requestsEl = h('section', { class: 'panel', id: 'requests' });
  const absenceEl = h('section', { class: 'panel', id: 'absence-range' });
  const whyEl = h('section', { class: 'panel', id: 'why' });
  const feedEl = h('section', { class: 'panel', id: 'feed' });
  replace(
    root,
    h('h1', {}, t('selfsvc.heading')),
    h('p', {}, h('a', { href: '#/family' }, t('selfsvc.back'))),
    hoursEl,
    catalogueEl,
    requestsEl,
    absenceEl,
    whyEl,
    feedEl,
  );
  const status = (el: HTMLElement) => {
    const s = h('p', { role: 'status' });
    el.append(s);
    return (text: string) => {
      s.textContent = text;
      announce(text);
    };
  };

  const renderRequests = async () => {
    let list: FamilyRequest[];
    try {
      list = await f.requests();
    } catch (err) {
      replace(requestsEl, h('h2', {}, t('selfsvc.requests')), h('p', { role: 'alert' }, (err as Error).message));
      return;
    }
    replace(
      requestsEl,
      h('h2', {}, t('selfsvc.requests')),
      h(
        'ul',
        {},
        list.map((r) =>
          h(
            'li',
            { dataset: { request: r.id } },
            h('strong', {}, `${r.passengerName} · ${[r.serviceName, ...r.chain].join(' → ')}`),
            ` — ${r.weekdays.map((d) => t(`weekday.${d}`).slice(0, 3)).join(', ')} · ${r.validFrom} → ${r.validTo} · `,
            h('span', { class: `state state-${r.state}` }, t(`selfsvc.state.${r.state}`)),
            r.reason ? `: ${r.reason}` : '',
            r.lines.length
              ? h(
                  'ul',
                  {},
                  r.lines.map((l) => h('li', {}, l)),
                )
              : null,
            r.state === 'pending' || r.state === 'active'
              ? h(
                  'button',
                  {
                    type: 'button',
                    'aria-label': t('selfsvc.cancelOf', { name: r.passengerName, service: r.serviceName }),
                    onclick: async () => {
                      await f.cancel(r.id);
                      announce(t('selfsvc.cancelled'));
                      await renderRequests();
                    },
                  },
                  t('selfsvc.cancel'),
                )
              : null,
          ),
        ),
      ),
    );
  };

  void (async () => {
    const [household, services] = await Promise.all([api.household(), f.catalogue()]);
    const passengers = (household.passengers ?? []) as Array<{ id: string; name: string }>;
    const passengerSelect = () =>
      h(
        'select',
        { id: uid('passenger') },
        passengers.map((p) => h('option', { value: p.id }, p.name)),
      );

    // --- the adults' weekly hours (stored; the slot query and the windows use only these)
    const stored = household.household as (Household & { schedules?: AdultSchedule[] }) | undefined;
    if (stored) {
      const legacy = (d: (typeof WEEKDAYS)[number]): Shift[] => {
        const w = stored.workHours[d];
        return w ? [{ from: w.leaves, to: w.back, overnight: false }] : [];
      };
      const inputs = stored.adults.map((adult, i) => {
        const base = stored.schedules?.find((x) => x.adult === adult.name);
        return {
          adult: adult.name,
          base,
          days: WEEKDAYS.map((d) => {
            const value = base
              ? shiftsText(base.weekly?.[d])
              : i === 0 && !stored.schedules?.length
                ? shiftsText(legacy(d))
                : '';
            return {
              d,
              input: h('input', { id: uid(`hours-${d}`), value, placeholder: '07:45-12:00, 13:00-16:40', size: 28 }),
            };
          }),
        };
      });
      const hoursStatus = h('p', { role: 'status' });
      replace(
        hoursEl,
        h('h2', {}, t('selfsvc.hours')),
        h('p', {}, t('selfsvc.hoursHelp')),
        h(
          'form',
          {
            onsubmit: async (e: Event) => {
              e.preventDefault();
              const schedules: AdultSchedule[] = [];
              for (const a of inputs) {
                const weekly: Partial<Record<(typeof WEEKDAYS)[number], Shift[]>> = {};
                for (const { d, input } of a.days) {
                  const parsed = parseShifts(input.value);
                  if ('bad' in parsed) {
                    hoursStatus.textContent = t('selfsvc.hoursBad', { text: parsed.bad, day: t(`weekday.${d}`) });
                    input.focus();
                    return;
                  }
                  if (parsed.shifts.length) weekly[d] = parsed.shifts;
                }
                schedules.push(withWeekly(a.base, a.adult, weekly));
              }
              try {
                const res = await f.schedules({ schedules });
                stored.schedules = res.schedules;
                hoursStatus.textContent = res.flagged.length
                  ? t('selfsvc.hoursFlagged', { n: res.flagged.length })
                  : t('selfsvc.hoursSavedDone');
                announce(hoursStatus.textContent);
                await renderRequests();
              } catch (err) {
                hoursStatus.textContent = t('app.error', { message: (err as Error).message });
              }
            },
          },
          inputs.map((a) =>
            h(
              'fieldset',
              {},
              h('legend', {}, a.adult),
              a.days.map(({ d, input }) => field(t(`weekday.${d}`), input)),
            ),
          ),
          h('button', { type: 'submit' }, t('selfsvc.hoursSave')),
          hoursStatus,
        ),
      );
    }

    // --- catalogue and booking
    const kind = h(
      'select',
      { id: uid('kind') },
      h('option', { value: '' }, t('selfsvc.allKinds')),
      KINDS.map((k) => h('option', { value: k }, t(`selfsvc.kind.${k}`))),
    );
    const list = h('ul', { class: 'catalogue' });
    const service = h('select', { id: uid('service') });
    const days = h('fieldset', {}, h('legend', {}, t('selfsvc.days')));
    const boxes = new Map<Weekday, HTMLInputElement>();
    const showServices = () => {
      const shown = services.filter((s) => !kind.value || s.kind === kind.value);
      replace(
        list,
        shown.map((s) =>
          h('li', {}, h('strong', {}, s.name), ` · ${s.comune} · ${t(`selfsvc.kind.${s.kind}`)} · ${hoursText(s)}`),
        ),
      );
      replace(
        service,
        shown.map((s) => h('option', { value: s.id }, `${s.name} (${s.comune})`)),
      );
      showDays();
    };
    const showDays = () => {
      const s = services.find((x) => x.id === service.value);
      replace(days, h('legend', {}, t('selfsvc.days')));
      boxes.clear();
      for (const d of WEEKDAYS) {
        if (!s?.hours[d]) continue;
        const id = uid(`day-${d}`);
        const box = h('input', { type: 'checkbox', id, value: d });
        boxes.set(d, box);
        days.append(h('span', { class: 'check' }, box, h('label', { for: id }, t(`weekday.${d}`))));
      }
    };
    kind.addEventListener('change', showServices);
    service.addEventListener('change', showDays);
    const passenger = passengerSelect();
    const from = h('input', { id: uid('valid-from'), type: 'date', value: today, min: today, required: true });
    const bookStatus = h('p', { role: 'status' });
    const form = h(
      'form',
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const weekdays = [...boxes].filter(([, b]) => b.checked).map(([d]) => d);
          try {
            const res = await f.book({
              passengerId: passenger.value,
              serviceId: service.value,
              weekdays,
              validFrom: from.value,
            });
            bookStatus.textContent = t(res.state === 'pending' ? 'selfsvc.booked' : 'selfsvc.bookedActive', {
              lines: res.lines.join(' · '),
            });
            announce(bookStatus.textContent);
            await renderRequests();
          } catch (err) {
            bookStatus.textContent = t('app.error', { message: (err as Error).message });
          }
        },
      },
      field(t('selfsvc.passenger'), passenger),
      field(t('selfsvc.service'), service),
      days,
      field(t('selfsvc.from'), from),
      h('button', { type: 'submit' }, t('selfsvc.book')),
      bookStatus,
    );
    replace(
      catalogueEl,
      h('h2', {}, t('selfsvc.catalogue')),
      field(t('selfsvc.kind'), kind),
      list,
      h('h3', {}, t('selfsvc.bookHeading')),
      form,
    );
    showServices();

    // --- absence over a range
    const absPassenger = passengerSelect();
    const absFrom = h('input', { id: uid('abs-from'), type: 'date', min: today, required: true });
    const absTo = h('input', { id: uid('abs-to'), type: 'date', min: today, required: true });
    replace(absenceEl, h('h2', {}, t('selfsvc.absence')));
    const absStatus = status(absenceEl);
    absenceEl.insertBefore(
      h(
        'form',
        {
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              const r = await f.absenceRange({ passengerId: absPassenger.value, from: absFrom.value, to: absTo.value });
              absStatus(t('selfsvc.absenceDone', { n: r.dates.length, from: absFrom.value, to: absTo.value }));
            } catch (err) {
              absStatus(t('app.error', { message: (err as Error).message }));
            }
          },
        },
        field(t('selfsvc.passenger'), absPassenger),
        field(t('selfsvc.absFrom'), absFrom),
        field(t('selfsvc.absTo'), absTo),
        h('button', { type: 'submit' }, t('selfsvc.absenceSend')),
      ),
      absenceEl.lastChild,
    );

    // --- why a trip is not there
    const why = await f.week(week);
    replace(
      whyEl,
      h('h2', {}, t('selfsvc.why', { week })),
      why.notTravelling.length === 0
        ? h('p', {}, t('selfsvc.whyNone'))
        : h(
            'ul',
            {},
            why.notTravelling.map((n) =>
              h(
                'li',
                {},
                `${n.date} · ${n.passengerName} · ${n.serviceName} · ${t(n.direction === 'outbound' ? 'family.outbound' : 'family.return')}: ${n.why}${n.note ? ` (${n.note})` : ''}`,
              ),
            ),
          ),
    );

    // --- calendar feed
    const feedStatus = h('p', { role: 'status' });
    const feedLink = h('p', {});
    replace(
      feedEl,
      h('h2', {}, t('selfsvc.feed')),
      h('p', {}, t('selfsvc.feedHelp')),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            const feed = await f.createFeed();
            const id = uid('feed-url');
            replace(
              feedLink,
              field(t('selfsvc.feedUrl'), h('input', { id, readonly: true, value: feed.url, size: 60 })),
              h('a', { href: feed.path, download: 'prontivia.ics' }, t('selfsvc.feedDownload')),
            );
            feedStatus.textContent = t('selfsvc.feedReady');
          },
        },
        t('selfsvc.feedCreate'),
      ),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            await f.revokeFeed();
            replace(feedLink);
            feedStatus.textContent = t('selfsvc.feedRevoked');
          },
        },
        t('selfsvc.feedRevoke'),
      ),
      feedLink,
      feedStatus,
    );

    await renderRequests();
    if (root.isConnected) document.body.dataset.ready = 'family-services';
  })();
}
