/**
 * The coordinator screen's layout: the toolbar (week, day, plan, re-optimise, publish, progress),
 * the status line, the figures, the map beside the selected stop and the violations, the
 * timeline and the unserved requests. Returns the elements the panels fill.
 */
import { h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { safeguardingAlerts } from '../safeguarding/coordinator-alerts.ts';

export type CoordinatorLayout = ReturnType<typeof coordinatorLayout>;

export function coordinatorLayout(root: HTMLElement, week: string) {
  const weekId = uid('week');
  const dayId = uid('day');
  const weekInput = h('input', { id: weekId, type: 'week', value: week, required: true });
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

  return {
    weekInput,
    daySelect,
    planButton,
    reoptButton,
    publishButton,
    progress,
    progressText,
    status,
    mapEl,
    detailsEl,
    violationsEl,
    figuresEl,
    unservedEl,
    timelineEl,
  };
}
