/**
 * What the coordinator does to a plan from the screen: load a week and its latest plan, plan a
 * week and follow the job, move and lock stops, re-optimise, publish after the diff dialog. Each
 * action updates the store; a 409 reloads the plan and says so.
 */
import type { Plan, PlanStop } from '../../../server/contract/plan.ts';
import { ApiError, type Api } from '../../api/client.ts';
import { announce } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { type CoordinatorStore, findStop, routesOfDay } from '../../state/coordinator-state.ts';
import { clock } from '../../state/time.ts';
import { followJob } from './job-progress.ts';
import { showPublishDialog } from './publish-dialog.ts';

export type PlanActions = ReturnType<typeof planActions>;

export function planActions(api: Api, store: CoordinatorStore) {
  /** The current date's routes and stops for the map (null until loaded or without a plan). */
  let geojson: GeoJSON.FeatureCollection | null = null;

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

  const plan = async (): Promise<void> => {
    try {
      store.set({ busy: true });
      const { planId, jobId } = await api.createPlan(store.get().week);
      await runJob(jobId, planId, t('coord.planned'));
    } catch (err) {
      fail(err);
    }
  };

  const reoptimize = async (): Promise<void> => {
    const current = store.get().plan;
    if (!current) return;
    store.set({ busy: true });
    try {
      const { jobId, planId } = await api.reoptimize(current.id, current.version);
      await runJob(jobId, planId, t('coord.reoptimized'));
    } catch (err) {
      await conflictOr(err);
    }
  };

  const publish = async (): Promise<void> => {
    const current = store.get().plan;
    if (!current) return;
    try {
      const diff = await api.diff(current.id).catch(() => null);
      const confirmed = await showPublishDialog(diff);
      if (!confirmed) return;
      store.set({ busy: true });
      const published = await api.publish(current.id, current.version);
      const message = t('coord.published', { version: published?.version ?? current.version });
      await loadWeek(store.get().week);
      store.set({ message });
      announce(message);
    } catch (err) {
      await conflictOr(err);
    }
  };

  return { geojson: () => geojson, loadGeojson, loadWeek, moveStop, lock, plan, reoptimize, publish };
}
