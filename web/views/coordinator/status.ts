/**
 * The coordinator screen's status line and toolbar state: the plan's version, status and routing
 * provider, the last message, which buttons are enabled, and the solve's progress.
 */
import { t } from '../../i18n/i18n.ts';
import type { CoordinatorState } from '../../state/coordinator-state.ts';
import type { CoordinatorLayout } from './layout.ts';

export function renderStatus(ui: CoordinatorLayout, state: CoordinatorState): void {
  const { plan, message, busy, job } = state;
  const { status, planButton, reoptButton, publishButton, progress, progressText } = ui;
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
  progress.hidden = !job;
  if (job) {
    progress.value = job.pct;
    progressText.textContent = t('coord.progressDetail', {
      pct: Math.round(job.pct),
      cost: job.bestCost === null ? '–' : Math.round(job.bestCost),
    });
  } else progressText.textContent = '';
}
