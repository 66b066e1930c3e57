/**
 * The driver's run on a phone: stops in order with time, address, who boards and alights,
 * icons for needs, a geo: link for navigation, and big buttons for the stop events (queued and
 * retried when offline). "Print" gives the paper manifest (print.css).
 */
import { type Api, ApiError, type StopEventInput } from '../../api/client.ts';
import type { DriverRun, RunPassenger, RunStop } from '../../../server/contract/driver.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { clock, nowInRome } from '../../state/time.ts';
import { addHandovers } from '../safeguarding/driver-handovers.ts';
import { driverOutbox } from './outbox.ts';

const EVENTS: { type: StopEventInput['type']; key: MessageKey }[] = [
  { type: 'arrived', key: 'driver.arrived' },
  { type: 'boarded', key: 'driver.boarded' },
  { type: 'dropped_off', key: 'driver.dropped' },
  { type: 'no_show', key: 'driver.noShow' },
];
const DONE_KEY = 'prontivia.driver.done';

/** A unique id per tap; crypto.randomUUID exists only in secure contexts (not plain http on a LAN). */
const newEventId = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export function geoUri(stop: RunStop): string {
  return `geo:${stop.lat},${stop.lon}?q=${stop.lat},${stop.lon}(${encodeURIComponent(stop.label)})`;
}

function needIcons(p: RunPassenger): HTMLElement[] {
  const needs: [boolean, string, MessageKey][] = [
    [p.mobility === 'wheelchair', 'need-wheelchair', 'driver.wheelchair'],
    [p.mobility === 'walker', 'need-walker', 'driver.walker'],
    [p.mobility === 'child_seat', 'need-child-seat', 'driver.childSeat'],
    [p.needsEscort, 'need-escort', 'driver.escort'],
  ];
  return needs.filter(([on]) => on).map(([, cls, key]) => h('span', { class: `need ${cls}` }, t(key)));
}

export function driverView(root: HTMLElement, api: Api, date: string): void {
  const refusedEl = h('p', { class: 'error', role: 'alert' });
  const outbox = driverOutbox();
  const done: Record<string, string> = JSON.parse(localStorage.getItem(DONE_KEY) ?? '{}');
  const dateId = uid('date');
  const dateInput = h('input', { id: dateId, type: 'date', value: date });
  /** The date of the run on screen: its events are filed under it. */
  let runDate = date;
  const queueStatus = h('p', { class: 'queue-status', role: 'status' });
  const list = h('div', { class: 'runs' });

  const showQueue = () => {
    const n = outbox.pending().filter((item) => item.kind === 'stop-event').length;
    queueStatus.textContent = n === 0 ? '' : n === 1 ? t('driver.queuedOne') : t('driver.queued', { count: n });
  };
  const flush = async () => {
    await outbox.flush();
    showQueue();
  };
  // This render's screen is told what became of each event (the last render registered wins);
  // the outbox sends again by itself when the connection comes back.
  outbox.handle('stop-event', {
    send: (item) => api.stopEvent(item.stopId, item.event),
    done: (_item, refused) => {
      if (refused) {
        refusedEl.textContent = t('driver.refused', {
          message: refused instanceof Error ? refused.message : String(refused),
        });
      }
      showQueue();
    },
  });

  /** Records an event for the whole stop, or for one passenger when several board or alight there. */
  const record = (
    stop: RunStop,
    type: StopEventInput['type'],
    label: string,
    stateEl: HTMLElement,
    passenger?: RunPassenger,
  ) => {
    const clientEventId = newEventId();
    outbox.enqueue({
      kind: 'stop-event',
      id: clientEventId,
      stopId: stop.id,
      event: {
        type,
        at: nowInRome(),
        date: runDate,
        clientEventId,
        ...(passenger ? { passengerId: passenger.passengerId } : {}),
      },
    });
    done[passenger ? `${stop.id}|${passenger.passengerId}` : stop.id] = type;
    localStorage.setItem(DONE_KEY, JSON.stringify(done));
    if (!passenger) stateEl.closest<HTMLElement>('.stop-card')!.dataset.state = type;
    stateEl.textContent = `✓ ${label}`;
    announce(t('driver.sent', { event: label }));
    showQueue();
    void flush();
  };

  const renderRun = (run: DriverRun) => {
    const routes = run.routes?.length ? run.routes : run.route ? [run.route] : [];
    if (!routes.some((r) => r.stops.length)) return replace(list, h('p', { class: 'empty' }, t('driver.noRun')));
    replace(
      list,
      routes
        .filter((r) => r.stops.length)
        .map((route) =>
          h(
            'section',
            { class: 'run-part' },
            h(
              'h2',
              {},
              t('driver.runOf', {
                vehicle: route.vehicleLabel ?? route.vehicleId,
                from: clock(route.departure),
                to: clock(route.return),
              }),
            ),
            h(
              'ol',
              { class: 'run' },
              route.stops.map((stop, i) => {
                const perPerson = stop.boards.length + stop.alights.length > 1;
                const doneLabel = (key: string) =>
                  done[key] ? `✓ ${t(EVENTS.find((e) => e.type === done[key])?.key ?? 'driver.arrived')}` : '';
                const people = (key: MessageKey, ps: RunPassenger[], events: typeof EVENTS) =>
                  ps.length
                    ? h(
                        'div',
                        { class: 'people' },
                        h('strong', {}, `${t(key)}: `),
                        ps.map((p) => {
                          const personState = h(
                            'span',
                            { class: 'stop-state' },
                            doneLabel(`${stop.id}|${p.passengerId}`),
                          );
                          return h(
                            'div',
                            { class: 'person' },
                            p.name,
                            ' ',
                            needIcons(p),
                            ' ',
                            personState,
                            p.notesForDriver ? h('div', { class: 'note' }, p.notesForDriver) : null,
                            p.receivingAdult
                              ? h(
                                  'div',
                                  { class: 'note' },
                                  `${t('driver.receivedBy')}: ${p.receivingAdult.name} `,
                                  p.receivingAdult.phone
                                    ? h(
                                        'a',
                                        { href: `tel:${p.receivingAdult.phone.replace(/\s+/g, '')}` },
                                        p.receivingAdult.phone,
                                      )
                                    : null,
                                )
                              : null,
                            perPerson
                              ? h(
                                  'div',
                                  { class: 'person-actions' },
                                  events.map(({ type, key: k }) =>
                                    h(
                                      'button',
                                      {
                                        type: 'button',
                                        class: `event-${type}`,
                                        'aria-label': `${t(k)}: ${p.name}`,
                                        onclick: () => record(stop, type, t(k), personState, p),
                                      },
                                      t(k),
                                    ),
                                  ),
                                )
                              : null,
                          );
                        }),
                      )
                    : null;
                const state = h('span', { class: 'stop-state' }, doneLabel(stop.id));
                const stopEvents = perPerson ? EVENTS.filter((e) => e.type === 'arrived') : EVENTS;
                const card: HTMLElement = h(
                  'li',
                  { class: 'stop-card', dataset: { stopId: stop.id, state: done[stop.id] ?? '' } },
                  h(
                    'div',
                    { class: 'stop-head' },
                    h('span', { class: 'stop-time' }, clock(stop.start)),
                    h('span', { class: 'stop-n' }, t('driver.stopN', { n: i + 1 })),
                    state,
                  ),
                  h(
                    'p',
                    { class: 'stop-address' },
                    stop.label,
                    ' ',
                    h('a', { href: geoUri(stop), class: 'nav-link' }, t('driver.navigate')),
                  ),
                  people(
                    'driver.boards',
                    stop.boards,
                    EVENTS.filter((e) => e.type === 'boarded' || e.type === 'no_show'),
                  ),
                  people(
                    'driver.alights',
                    stop.alights,
                    EVENTS.filter((e) => e.type === 'dropped_off'),
                  ),
                  h(
                    'div',
                    { class: 'stop-actions' },
                    stopEvents.map(({ type, key }) =>
                      h(
                        'button',
                        { type: 'button', class: `event-${type}`, onclick: () => record(stop, type, t(key), state) },
                        t(key),
                      ),
                    ),
                  ),
                );
                return card;
              }),
            ),
          ),
        ),
    );
  };

  const load = async () => {
    replace(list, h('p', {}, t('app.loading')));
    try {
      const run = await api.driverRun(dateInput.value);
      runDate = dateInput.value;
      renderRun(run);
      void addHandovers(list, run, runDate);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) replace(list, h('p', { class: 'empty' }, t('driver.noRun')));
      else
        replace(list, h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })));
    }
    if (root.isConnected) document.body.dataset.ready = 'driver';
  };

  dateInput.addEventListener('change', () => void load());
  replace(
    root,
    h('h1', {}, t('driver.heading')),
    h(
      'div',
      { class: 'toolbar no-print' },
      h('div', { class: 'field' }, h('label', { for: dateId }, t('driver.date')), dateInput),
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('driver.print')),
    ),
    h('p', { class: 'print-only manifest-date' }, dateInput.value),
    queueStatus,
    refusedEl,
    list,
  );
  showQueue();
  void load();
  void flush();
}
