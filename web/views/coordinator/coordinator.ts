/**
 * The coordinator's planning screen: week and day, "Pianifica" with live progress, the map and
 * the timeline in step, the selected stop, violations, unserved requests, key figures, and the
 * editing actions (move, lock, re-optimise, publish with the changes since the last version).
 */
import type { Plan, PlanRoute, PlanStop } from '../../../server/contract/plan.ts';
import { ApiError, type Api } from '../../api/client.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { createCoordinatorStore, findStop, routesOfDay, vehicleColours } from '../../state/coordinator-state.ts';
import { clock, datesOfWeek, weekdayOf } from '../../state/time.ts';
import { renderDetails } from './details.ts';
import { followJob } from './job-progress.ts';
import { MapPanel } from './map-panel.ts';
import { renderFigures, renderUnserved, renderViolations } from './panels.ts';
import { renderTimeline } from './timeline.ts';
import { showPublishDialog } from './publish-dialog.ts';
import { appendWeekCost } from '../programme/week-cost.ts';
import { safeguardingAlerts } from '../safeguarding/coordinator-alerts.ts';

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
  const weekId = uid('week');
  const dayId = uid('day');
  const weekInput = h('input', { id: weekId, type: 'week', value: params.week, required: true });
  const daySelect = h('select', { id: dayId });
  const planButton = h('button', { type: 'button', class: 'primary', id: 'plan-week' }, t('coord.plan'));
  const reoptButton = h('button', { type: 'button', id: 'reoptimize' }, t('coord.reoptimize'));
  const publishButton = h('button', { type: 'button', id: 'publish' }, t('coord.publish'));
  const progress = h('progress', { max: 100, value: 0, 'aria-label': t('coord.progress'), hidden: true });
  const progressText = h('span', { class: 'progress-text' });
  const status = h('p', { class: 'status', role: 'status' });
  const mapEl = h('div', { class: 'map', id: 'coord-map' });
  const detailsEl = h('section', { class: 'panel', id: 'details' });
  const violationsEl = h('section', { class: 'panel', id: 'violations' });
  const figuresEl = h('section', { class: 'panel', id: 'figures' });
  const unservedEl = h('section', { class: 'panel', id: 'unserved' });
  const timelineEl = h('div', { class: 'timeline', id: 'timeline' });

  replace(
    root,
    h('h1', {}, t('coord.heading')),
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: weekId }, t('coord.week')), weekInput),
      h('div', { class: 'field' }, h('label', { for: dayId }, t('coord.day')), daySelect),
      planButton,
      reoptButton,
      publishButton,
      h('div', { class: 'progress' }, progress, progressText),
    ),
    status,
    safeguardingAlerts(),
    figuresEl,
    h(
      'div',
      { class: 'coord-grid' },
      mapEl,
      h(
        'div',
        { class: 'side', tabindex: '0', role: 'region', 'aria-label': t('coord.sidePanel') },
        detailsEl,
        violationsEl,
      ),
    ),
    h(
      'section',
      { class: 'panel timeline-panel', tabindex: '0', 'aria-label': t('coord.timeline') },
      h('h2', {}, t('coord.timeline')),
      timelineEl,
    ),
    unservedEl,
  );

  const mapPanel = new MapPanel(mapEl, (stopId) => store.set({ selectedStopId: stopId }));
  let highlightTimeline: (stopId: string | null) => void = () => {};
  let geojson: GeoJSON.FeatureCollection | null = null;

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
    mapPanel.showDay(routes, geojson, colourOf, labelOf);
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

  const renderStatus = () => {
    const { plan, message, busy } = store.get();
    const parts = [message];
    if (plan)
      parts.unshift(
        `${t('coord.version', { version: plan.version, status: t(plan.status === 'published' ? 'coord.status.published' : 'coord.status.draft') })} · ${t(plan.provider === 'osrm' ? 'coord.provider.osrm' : 'coord.provider.estimate')}`,
      );
    else if (!busy) parts.unshift(t('coord.noPlan'));
    status.textContent = parts.filter(Boolean).join(' — ');
    planButton.disabled = busy;
    reoptButton.disabled = busy || !plan;
    publishButton.disabled = busy || !plan || plan.status === 'published';
    const job = store.get().job;
    progress.hidden = !job;
    if (job) {
      progress.value = job.pct;
      progressText.textContent = t('coord.progressDetail', {
        pct: Math.round(job.pct),
        cost: job.bestCost === null ? '–' : Math.round(job.bestCost),
      });
    } else progressText.textContent = '';
  };

  store.subscribe((s, prev) => {
    if (s.plan !== prev.plan || s.date !== prev.date || s.violations !== prev.violations) {
      if (s.week !== prev.week) fillDays();
      daySelect.value = s.date;
      renderDay();
    } else if (s.selectedStopId !== prev.selectedStopId) renderSelection();
    renderStatus();
  });

  const fail = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    store.set({ busy: false, job: null, message: t('app.error', { message }) });
    announce(t('app.error', { message }));
  };

  const loadPlan = async (planId: string, message = '') => {
    const [plan, violations] = await Promise.all([api.plan(planId), api.violations(planId).catch(() => [])]);
    await loadGeojson(plan, store.get().date);
    store.set({ plan, violations, busy: false, job: null, message });
  };

  const loadGeojson = async (plan: Plan | null, date: string) => {
    geojson = plan ? await api.planGeojson(plan.id, date).catch(() => null) : null;
  };

  const loadWeek = async (week: string) => {
    store.set({ busy: true, message: t('app.loading') });
    try {
      const headers = await api.plans(week);
      const latest = [...headers].filter((p) => p.version > 0).sort((a, b) => b.version - a.version)[0];
      if (latest) await loadPlan(latest.id);
      else store.set({ plan: null, violations: [], busy: false, message: '' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404)
        store.set({ plan: null, violations: [], busy: false, message: '' });
      else fail(err);
    }
  };

  const runJob = async (jobId: string, planId: string, doneMessage: string) => {
    store.set({ busy: true, job: { jobId, pct: 0, bestCost: null }, message: t('coord.planning') });
    await followJob(api, jobId, (u) => store.set({ job: { jobId, pct: u.pct, bestCost: u.bestCost } }));
    store.set({ job: { jobId, pct: 100, bestCost: store.get().job?.bestCost ?? null } });
    await loadPlan(planId, doneMessage);
    announce(doneMessage);
  };

  const conflictOr = async (err: unknown) => {
    if (err instanceof ApiError && err.status === 409 && store.get().plan) {
      await loadPlan(store.get().plan!.id, t('coord.conflict'));
      announce(t('coord.conflict'));
    } else fail(err);
  };

  async function moveStop(stop: PlanStop, toRouteId: string, position: number | undefined): Promise<void> {
    const { plan, date } = store.get();
    if (!plan) return;
    store.set({ busy: true });
    try {
      const posField = stop.kind === 'pickup' ? { pickupPos: position } : { deliveryPos: position };
      const direction = (stop.boards[0] ?? stop.alights[0])?.direction;
      const result = await api.move(
        plan.id,
        { date, requestId: stop.requestId, direction, toRouteId, ...(position === undefined ? {} : posField) },
        plan.version,
      );
      if (result) {
        await loadGeojson(result.plan, date);
        store.set({
          plan: result.plan,
          violations: await api.violations(result.plan.id).catch(() => result.violations),
          busy: false,
          message: t('coord.moved'),
        });
      } else await loadPlan(plan.id, t('coord.moved'));
      const moved =
        findStop(store.get().plan, date, stop.id) ??
        routesOfDay(store.get().plan, date)
          .flatMap((r) => r.stops.map((s, index) => ({ route: r, stop: s, index })))
          .find(
            (x) =>
              x.stop.requestId === stop.requestId &&
              x.stop.kind === stop.kind &&
              (x.stop.boards[0] ?? x.stop.alights[0])?.direction === direction,
          ) ??
        null;
      if (moved) {
        store.set({ selectedStopId: moved.stop.id });
        announce(
          `${t('coord.moved')} ${t('coord.stopTime', { time: clock(moved.stop.start), from: clock(moved.stop.window.from), to: clock(moved.stop.window.to) })}`,
        );
      }
    } catch (err) {
      await conflictOr(err);
    }
  }

  async function lock(stop: PlanStop, locked: boolean): Promise<void> {
    const { plan, date } = store.get();
    if (!plan) return;
    store.set({ busy: true });
    try {
      await api.lock(plan.id, date, stop.requestId, locked, plan.version);
      await loadPlan(plan.id);
    } catch (err) {
      await conflictOr(err);
    }
  }

  planButton.addEventListener('click', async () => {
    try {
      store.set({ busy: true });
      const { planId, jobId } = await api.createPlan(store.get().week);
      await runJob(jobId, planId, t('coord.planned'));
    } catch (err) {
      fail(err);
    }
  });

  reoptButton.addEventListener('click', async () => {
    const plan = store.get().plan;
    if (!plan) return;
    store.set({ busy: true });
    try {
      const res = (await api.reoptimize(plan.id, plan.version)) as { jobId?: unknown; planId?: unknown } | null;
      const planId = typeof res?.planId === 'string' ? res.planId : plan.id;
      if (typeof res?.jobId === 'string') await runJob(res.jobId, planId, t('coord.reoptimized'));
      else await loadPlan(planId, t('coord.reoptimized'));
    } catch (err) {
      await conflictOr(err);
    }
  });

  publishButton.addEventListener('click', async () => {
    const plan = store.get().plan;
    if (!plan) return;
    try {
      const diff = await api.diff(plan.id).catch(() => null);
      const confirmed = await showPublishDialog(diff);
      if (!confirmed) return;
      store.set({ busy: true });
      const published = await api.publish(plan.id, plan.version);
      const message = t('coord.published', { version: published?.version ?? plan.version });
      await loadWeek(store.get().week);
      store.set({ message });
      announce(message);
    } catch (err) {
      await conflictOr(err);
    }
  });

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

async function loadPlaces(api: Api, mapPanel: MapPanel): Promise<void> {
  const [services, households] = await Promise.all([
    api.listAll('services').catch(() => []),
    api.listAll('households').catch(() => []),
  ]);
  const point = (row: Record<string, unknown>, key: 'place' | 'home') => {
    const p = row[key] as { lat?: unknown; lon?: unknown; label?: unknown } | undefined;
    return p && typeof p.lat === 'number' && typeof p.lon === 'number'
      ? { lat: p.lat, lon: p.lon, label: String(row.name ?? p.label ?? row.id) }
      : null;
  };
  mapPanel.showPlaces(
    services.map((s) => point(s, 'place')).filter((p) => p !== null),
    households.map((s) => point(s, 'home')).filter((p) => p !== null),
  );
}
