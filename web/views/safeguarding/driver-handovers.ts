/**
 * Handovers on the driver's run: in each stop card with a minor or a "never alone" passenger,
 * who may hand over / receive there (one tap records it; the family's 4-digit code, when given or
 * required, confirms it), and at home the nobody-to-receive procedure — the wait with its impact
 * on the next stops, the numbers to call in order, the coordinator notified, received late or
 * taken to the safe place. Every record goes through the phone's offline queue (driver/outbox.ts).
 */
import type { DriverRun, RunStop } from '../../../server/contract/driver.ts';
import { safeguardingApi } from '../../api/safeguarding.ts';
import { h, replace, uid } from '../../dom.ts';
import { clock, nowInRome } from '../../state/time.ts';
import { pathOf } from '../../../server/contract/define-contract.ts';
import { type RunSafeguarding, safeguardingContract as sc } from '../../../server/contract/safeguarding.ts';
import { driverOutbox } from '../driver/outbox.ts';
import { st, type TextKey } from './texts.ts';

type Handover = RunSafeguarding['handovers'][number];
type Person = Handover['offered'][number];

const newId = (prefix: string) =>
  `${prefix}-${globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`}`;

/** Where the status line of a queued item is, and what it says when it went through. */
const onSent = new Map<string, string>();

function statusEl(key: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-status-key="${CSS.escape(key)}"]`);
}

/** Queues a safeguarding record and sends it (with whatever waits before it) at once. */
function post(item: { id: string; path: string; body: unknown; statusKey: string }): void {
  const outbox = driverOutbox();
  outbox.enqueue({ kind: 'safeguarding', ...item });
  void outbox.flush();
}

/** Tells the item's status line what became of it. */
function showResult(item: { id: string; statusKey: string }, refused?: unknown): void {
  const el = statusEl(item.statusKey);
  if (!el) return;
  if (refused) {
    el.textContent = st('refused', { message: refused instanceof Error ? refused.message : String(refused) });
    el.setAttribute('role', 'alert');
    el.classList.add('error');
  } else {
    el.textContent = onSent.get(item.id) ?? '✓';
    el.setAttribute('role', 'status');
    el.classList.remove('error');
  }
}

/** The minutes each later stop of the route would end outside its window if the driver waited `minutes` here. */
export function waitImpact(
  stops: RunStop[],
  index: number,
  minutes: number,
): { n: number; stop: RunStop; lateMin: number }[] {
  const delayS = minutes * 60;
  return stops
    .map((stop, i) => ({ n: i + 1, stop, i }))
    .filter(({ i }) => i > index)
    .map(({ n, stop }) => ({
      n,
      stop,
      lateMin: Math.ceil((Date.parse(stop.start) / 1000 + delayS - Date.parse(stop.window.to) / 1000) / 60),
    }))
    .filter((x) => x.lateMin > 0);
}

function describePerson(p: Person): string {
  const doc = p.idDocument ? ` · ${p.idDocument.type.replace('_', ' ')} …${p.idDocument.lastDigits}` : '';
  const who =
    p.kind === 'service_staff'
      ? (p.staffRole ?? '')
      : p.kind === 'household_adult'
        ? st('householdAdult')
        : p.relationship;
  return `${p.name}${who ? ` (${who})` : ''}${doc}`;
}

function nobodyHomePanel(
  h0: Handover,
  run: RunSafeguarding,
  stops: RunStop[],
  index: number,
  date: string,
): HTMLElement {
  const caseId = newId('case');
  const statusKey = `case|${caseId}`;
  const log = h('ol', { class: 'procedure-log' });
  const status = h('p', { class: 'handover-status', role: 'status', dataset: { statusKey } });
  const step = (
    stepName: 'called' | 'coordinator_notified' | 'received' | 'safe_place',
    detail: string,
    shown: string,
  ) => {
    const at = nowInRome();
    const id = newId('step');
    log.append(h('li', {}, `${clock(at)} ${st(`step_${stepName}` as TextKey, { detail: shown })}`));
    onSent.set(id, `✓ ${st(`step_${stepName}` as TextKey, { detail: shown })}`);
    post({
      id,
      path: pathOf(sc.nobodyHomeStep.path, { caseId }),
      body: { clientEventId: id, step: stepName, at, detail },
      statusKey,
    });
  };
  const openedAt = nowInRome();
  onSent.set(caseId, `✓ ${st('step_wait_started')}`);
  post({
    id: caseId,
    path: sc.openNobodyHome.path,
    body: { caseId, stopId: h0.stopId, passengerId: h0.passengerId, date, at: openedAt },
    statusKey,
  });
  log.append(h('li', {}, `${clock(openedAt)} ${st('step_wait_started')}`));
  const until = nowInRome(new Date(Date.parse(openedAt) + run.waitMinutes * 60_000));
  const impact = waitImpact(stops, index, run.waitMinutes);
  const placeId = uid('safe-place');
  const placeSelect = h(
    'select',
    { id: placeId },
    run.safePlaces.map((p) => h('option', { value: p.id }, p.label)),
  );
  return h(
    'div',
    { class: 'nobody-home-panel' },
    h('h4', {}, st('procedure')),
    h('p', {}, st('waitUntil', { minutes: run.waitMinutes, time: clock(until) })),
    impact.length
      ? h(
          'div',
          { class: 'wait-impact' },
          h('p', {}, st('impact', { minutes: run.waitMinutes })),
          h(
            'ul',
            {},
            impact.map((x) =>
              h('li', {}, st('lateStop', { n: x.n, time: clock(x.stop.start), label: x.stop.label, late: x.lateMin })),
            ),
          ),
        )
      : h('p', { class: 'wait-impact' }, st('noImpact')),
    h('p', {}, st('callInOrder')),
    h(
      'ol',
      { class: 'call-order' },
      h0.callOrder.map((c) =>
        h(
          'li',
          {},
          h('a', { href: `tel:${c.phone.replace(/\s+/g, '')}` }, `${c.label} ${c.phone}`),
          ' ',
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => step('called', c.phone, c.label) },
            st('called', { label: c.label }),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'procedure-actions' },
      h('button', { type: 'button', onclick: () => step('coordinator_notified', '', '') }, st('notify')),
      h0.offered.map((p) =>
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => step('received', p.name, p.name) },
          st('receivedBy', { person: p.name }),
        ),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: placeId }, st('safePlace')),
      placeSelect,
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            step('safe_place', placeSelect.value, placeSelect.selectedOptions[0]?.textContent ?? placeSelect.value),
        },
        st('takeToSafePlace'),
      ),
    ),
    log,
    status,
  );
}

function handoverSection(
  h0: Handover,
  run: RunSafeguarding,
  stops: RunStop[],
  index: number,
  date: string,
): HTMLElement {
  const statusKey = `handover|${h0.stopId}|${h0.passengerId}`;
  const codeId = uid('code');
  const codeInput = h('input', {
    id: codeId,
    class: 'handover-code',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: 4,
    pattern: '\\d{4}',
    required: h0.codeRequired,
  });
  const status = h('p', { class: 'handover-status', role: 'status', dataset: { statusKey } });
  const verb = st(`point_${h0.point}` as TextKey);
  const record = (p: Person) => {
    const code = codeInput.value.trim();
    const at = nowInRome();
    const id = newId('handover');
    onSent.set(id, st('recorded', { person: p.name, how: code ? st('byCode') : st('byTap'), time: clock(at) }));
    status.textContent = st('queued');
    status.classList.remove('error');
    post({
      id,
      path: sc.handover.path,
      body: {
        stopId: h0.stopId,
        passengerId: h0.passengerId,
        date,
        personId: p.id,
        ...(code ? { code } : {}),
        at,
        clientEventId: id,
      },
      statusKey,
    });
  };
  const panelSlot = h('div', {});
  const canBeNobody = h0.point === 'home_dropoff' || h0.point === 'alternative_dropoff';
  return h(
    'section',
    { class: 'handover', dataset: { passengerId: h0.passengerId } },
    h('h3', {}, st('handoverOf', { name: h0.passengerName })),
    h(
      'div',
      { class: 'field' },
      h('label', { for: codeId }, st('code', { which: h0.codeRequired ? st('codeRequired') : st('codeOptional') })),
      codeInput,
    ),
    h0.offered.length
      ? h(
          'ul',
          { class: 'authorised' },
          h0.offered.map((p) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'handover-person',
                  onclick: () => record(p),
                },
                st('handTo', { verb, person: describePerson(p) }),
              ),
            ),
          ),
        )
      : h('p', { class: 'error' }, st('nobodyOffered')),
    status,
    canBeNobody
      ? h(
          'button',
          {
            type: 'button',
            class: 'nobody-home',
            onclick: (ev: Event) => {
              (ev.currentTarget as HTMLButtonElement).disabled = true;
              replace(panelSlot, nobodyHomePanel(h0, run, stops, index, date));
            },
          },
          st('nobodyHome'),
        )
      : null,
    panelSlot,
  );
}

/** Adds the handover sections to the stop cards already in `list`; silent when there is nothing to hand over. */
export async function addHandovers(list: HTMLElement, run: DriverRun, date: string): Promise<void> {
  const outbox = driverOutbox();
  outbox.handle('safeguarding', { send: (item) => safeguardingApi.post(item.path, item.body), done: showResult });
  void outbox.flush();
  let data: RunSafeguarding;
  try {
    data = await safeguardingApi.run(date);
  } catch {
    return; // another day than today, or no handover data: the run shows as before
  }
  const routes = run.routes?.length ? run.routes : run.route ? [run.route] : [];
  for (const handover of data.handovers) {
    const card = list.querySelector<HTMLElement>(`.stop-card[data-stop-id="${CSS.escape(handover.stopId)}"]`);
    const route = routes.find((r) => r.stops.some((s) => s.id === handover.stopId));
    if (!card || !route) continue;
    const index = route.stops.findIndex((s) => s.id === handover.stopId);
    card.append(handoverSection(handover, data, route.stops, index, date));
  }
}
