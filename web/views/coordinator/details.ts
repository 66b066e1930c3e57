/**
 * The selected stop: time and window, who boards and alights, lock/unlock, and a form that
 * moves the stop's request to another vehicle and position — the keyboard alternative to
 * dragging in the timeline.
 */
import type { PlanRoute, PlanStop } from '../../../server/contract/plan.ts';
import { h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { clock } from '../../state/time.ts';

export interface DetailsActions {
  lock(stop: PlanStop, locked: boolean): void;
  move(stop: PlanStop, toRouteId: string, position: number | undefined): void;
  labelOf(route: PlanRoute): string;
}

export function renderDetails(
  container: HTMLElement,
  selected: { route: PlanRoute; stop: PlanStop; index: number } | null,
  routes: PlanRoute[],
  actions: DetailsActions,
): void {
  if (!selected) {
    replace(container, h('h2', {}, t('coord.selected')), h('p', { class: 'hint' }, t('coord.noSelection')));
    return;
  }
  const { route, stop, index } = selected;
  const routeSelectId = uid('move-route');
  const posId = uid('move-pos');
  const routeSelect = h(
    'select',
    { id: routeSelectId, name: 'toRouteId' },
    routes.map((r) => h('option', { value: r.id, selected: r.id === route.id }, actions.labelOf(r))),
  );
  const posInput = h('input', {
    id: posId,
    name: 'position',
    type: 'number',
    min: '0',
    step: '1',
    inputMode: 'numeric',
    placeholder: '0',
  });
  const people = (title: string, list: PlanStop['boards']) =>
    list.length
      ? h(
          'p',
          {},
          h('strong', {}, `${title}: `),
          list
            .map(
              (p) =>
                `${p.name}${p.mobility === 'wheelchair' ? ` (${t('driver.wheelchair')})` : ''}${p.needsEscort ? ` (${t('driver.escort')})` : ''}`,
            )
            .join(', '),
        )
      : null;
  replace(
    container,
    h('h2', {}, t('coord.selected')),
    h(
      'p',
      { class: 'stop-title' },
      h('strong', {}, `${actions.labelOf(route)} · ${index + 1}. `),
      `${t(stop.kind === 'pickup' ? 'coord.kind.pickup' : 'coord.kind.delivery')} — ${stop.label}`,
    ),
    h(
      'p',
      {},
      t('coord.stopTime', { time: clock(stop.start), from: clock(stop.window.from), to: clock(stop.window.to) }),
    ),
    people(t('coord.boards'), stop.boards),
    people(t('coord.alights'), stop.alights),
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => actions.lock(stop, !stop.locked) },
        stop.locked ? t('coord.unlock') : t('coord.lock'),
      ),
      stop.locked ? h('span', { class: 'badge' }, t('coord.locked')) : null,
    ),
    h(
      'form',
      {
        class: 'move-form',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const pos = posInput.value === '' ? undefined : Number(posInput.value);
          actions.move(stop, routeSelect.value, pos);
        },
      },
      h('div', { class: 'field' }, h('label', { for: routeSelectId }, t('coord.moveTo')), routeSelect),
      h('div', { class: 'field' }, h('label', { for: posId }, t('coord.movePos')), posInput),
      h('button', { type: 'submit' }, t('coord.move')),
    ),
  );
}
