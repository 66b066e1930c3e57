/**
 * The side panels of the coordinator's screen: key figures, violations (each with its reason,
 * clickable to highlight the stop) and unserved requests (each with its reason): a translated
 * sentence per code, the server's detailed English message as a smaller line under it.
 */
import type { Plan, Violation } from '../../../server/contract/plan.ts';
import { h, replace } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { hasText, reasonText, violationText } from '../../i18n/reasons.ts';

/** The server's own words (English, with the times and names), under the translated sentence. */
const detail = (text: string) => h('small', { class: 'detail', lang: 'en' }, text);

const fmt = (n: number, digits = 1) =>
  n.toLocaleString(document.documentElement.lang || 'it', { maximumFractionDigits: digits });

export function renderFigures(container: HTMLElement, plan: Plan): void {
  const s = plan.summary;
  const items: [string, string][] = [
    [t('coord.fig.vehicles'), fmt(s.vehicles, 0)],
    [t('coord.fig.km'), fmt(s.km)],
    [t('coord.fig.hours'), fmt(s.drivingHours)],
    [t('coord.fig.meanRide'), fmt(s.meanRideMin)],
    [t('coord.fig.maxRide'), fmt(s.maxRideMin)],
    [t('coord.fig.inWindow'), `${fmt(s.stopsWithinWindowPct)}%`],
    [t('coord.fig.households'), `${fmt(s.householdsRespectedPct)}%`],
    [t('coord.fig.served'), `${s.tripsServed} / ${s.tripsServed + s.tripsUnserved}`],
    [t('coord.fig.sameVehicle'), `${fmt(s.continuity.sameVehiclePct)}%`],
  ];
  replace(
    container,
    h('h2', {}, t('coord.figures')),
    h(
      'dl',
      { class: 'figures' },
      items.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
    ),
  );
}

export function renderViolations(
  container: HTMLElement,
  violations: Violation[],
  date: string,
  onSelect: (stopId: string, date: string) => void,
): void {
  const ofDay = violations.filter((v) => v.date === date);
  replace(
    container,
    h('h2', {}, `${t('coord.violations')} (${violations.length})`),
    violations.length === 0
      ? h('p', { class: 'ok' }, t('coord.noViolations'))
      : h(
          'ul',
          { class: 'violations' },
          [...ofDay, ...violations.filter((v) => v.date !== date)].map((v) =>
            h(
              'li',
              { class: 'violation', dataset: { code: v.code } },
              v.stopId
                ? h(
                    'button',
                    { type: 'button', class: 'link', onclick: () => onSelect(v.stopId!, v.date) },
                    `${v.date} · ${violationText(v.code, v.message)}`,
                  )
                : `${v.date} · ${violationText(v.code, v.message)}`,
              hasText('violation', v.code) ? detail(`${v.code}: ${v.message}`) : null,
            ),
          ),
        ),
  );
}

export function renderUnserved(container: HTMLElement, plan: Plan, date: string): void {
  const list = plan.unserved.filter((u) => u.date === date);
  replace(
    container,
    h('h2', {}, `${t('coord.unserved')} (${list.length} / ${plan.unserved.length})`),
    plan.unserved.length === 0
      ? h('p', { class: 'ok' }, t('coord.noUnserved'))
      : h(
          'ul',
          { class: 'unserved' },
          (list.length ? list : plan.unserved)
            .slice(0, 200)
            .map((u) =>
              h(
                'li',
                { dataset: { code: u.reason } },
                h(
                  'strong',
                  {},
                  `${u.date} · ${u.requestId} (${t(u.direction === 'outbound' ? 'family.outbound' : 'family.return')})`,
                ),
                ': ',
                reasonText(u.reason, u.message || u.reason),
                hasText('why', u.reason) && u.message ? detail(u.message) : null,
              ),
            ),
        ),
  );
}
