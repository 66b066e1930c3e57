/**
 * The coordinator's planning screen: week and day, "Pianifica" with live progress, the map and
 * the timeline in step, the selected stop, violations, unserved requests, key figures, and the
 * editing actions (move, lock, re-optimise, publish with the changes since the last version).
 */
import type { PlanRoute } from '../../../server/contract/plan.ts';
import type { Api } from '../../api/client.ts';
import { h, replace } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { createCoordinatorStore, findStop, routesOfDay, vehicleColours } from '../../state/coordinator-state.ts';
import { clock, datesOfWeek, weekdayOf } from '../../state/time.ts';
import { renderDetails } from './details.ts';
import { coordinatorLayout } from './layout.ts';
import { MapPanel } from './map-panel.ts';
import { renderFigures, renderUnserved, renderViolations } from './panels.ts';
import { renderTimeline } from './timeline.ts';
import { loadPlaces } from './places.ts';
import { planActions } from './plan-actions.ts';
import { renderStatus as renderStatusOf } from './status.ts';
import { appendWeekCost } from '../programme/week-cost.ts';

export interface CoordinatorParams {
  week: string;
  date?: string;
}

export function coordinatorView(root: HTMLElement, api: Api, params: CoordinatorParams): void {
  const dates = datesOfWeek(params.week);
  const store = createCoordinatorStore(
    params.week,
    params.date && dates.includes(params.date) ? params.date : dates[0],
  );
  const ui = coordinatorLayout(root, params.week);
  const { weekInput, daySelect, planButton, reoptButton, publishButton, mapEl, detailsEl } = ui;
  const { violationsEl, figuresEl, unservedEl, timelineEl } = ui;
  const actions = planActions(api, store);
  const { loadGeojson, loadWeek, moveStop, lock } = actions;

  const mapPanel = new MapPanel(mapEl, (stopId) => store.set({ selectedStopId: stopId }));
  let highlightTimeline: (stopId: string | null) => void = () => {};

  const labelOf = (r: PlanRoute) => `${r.vehicleId} · ${clock(r.departure)}–${clock(r.return)}`;

  const fillDays = () => {
    replace(
      daySelect,
      datesOfWeek(store.get().week).map((d) =>
        h(
          'option',
          { value: d, selected: d === store.get().date },
          `${t(`weekday.${weekdayOf(d)}`)} ${d.slice(8)}/${d.slice(5, 7)}`,
        ),
      ),
    );
  };

  const renderDay = () => {
    const { plan, date, violations } = store.get();
    const routes = routesOfDay(plan, date);
    const colourOf = vehicleColours(plan);
    mapPanel.showDay(routes, actions.geojson(), colourOf, labelOf);
    const bad = new Set(violations.filter((v) => v.date === date && v.stopId).map((v) => v.stopId!));
    highlightTimeline = renderTimeline(timelineEl, routes, bad, {
      onSelect: (id) => store.set({ selectedStopId: id }),
      onDrop: (drop) => void moveStop(drop.stop, drop.toRouteId, drop.position),
      vehicleLabel: (id) => id,
      colourOf,
    });
    if (plan) {
      renderFigures(figuresEl, plan);
      appendWeekCost(figuresEl, api, plan);
      renderUnserved(unservedEl, plan, date);
    } else {
      replace(figuresEl);
      replace(unservedEl);
    }
    renderViolations(violationsEl, violations, date, (stopId, d) => store.set({ date: d, selectedStopId: stopId }));
    renderSelection();
    if (root.isConnected) document.body.dataset.ready = plan ? 'plan' : 'empty';
    if (plan && routes.length && performance.getEntriesByName('coordinator-ready').length === 0)
      performance.mark('coordinator-ready');
  };

  const renderSelection = () => {
    const { plan, date, selectedStopId } = store.get();
    const found = findStop(plan, date, selectedStopId);
    renderDetails(detailsEl, found, routesOfDay(plan, date), {
      lock,
      move: (stop, to, pos) => void moveStop(stop, to, pos),
      labelOf,
    });
    highlightTimeline(found ? selectedStopId : null);
    mapPanel.highlight(found ? selectedStopId : null, found ? [found.stop.lat, found.stop.lon] : null);
  };

  const renderStatus = () => renderStatusOf(ui, store.get());

  store.subscribe((s, prev) => {
    if (s.plan !== prev.plan || s.date !== prev.date || s.violations !== prev.violations) {
      if (s.week !== prev.week) fillDays();
      daySelect.value = s.date;
      renderDay();
    } else if (s.selectedStopId !== prev.selectedStopId) renderSelection();
    renderStatus();
  });

  planButton.addEventListener('click', () => void actions.plan());
  reoptButton.addEventListener('click', () => void actions.reoptimize());
  publishButton.addEventListener('click', () => void actions.publish());

  weekInput.addEventListener('change', () => {
    if (!weekInput.value) return;
    const week = weekInput.value;
    store.set({ week, date: datesOfWeek(week)[0], plan: null, selectedStopId: null });
    history.replaceState(null, '', `#/coordinator?week=${week}`);
    void loadWeek(week);
  });

  daySelect.addEventListener('change', async () => {
    const date = daySelect.value;
    await loadGeojson(store.get().plan, date);
    store.set({ date, selectedStopId: null });
  });

  fillDays();
  renderStatus();
  api
    .municipalities()
    .then((fc) => mapPanel.showBoundaries(fc))
    .catch(() => undefined);
  void loadWeek(params.week).then(() => loadPlaces(api, mapPanel));
}
