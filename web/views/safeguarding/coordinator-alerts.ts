/**
 * The coordinator's live safeguarding alerts on the plan page: today's nobody-home cases,
 * polled every few seconds while the page is open — an open case is an alert (who, which stop,
 * which driver, since when, each step so far), a closed one shows its outcome.
 */
import type { NobodyHomeCase } from '../../../server/contract/safeguarding.ts';
import { safeguardingApi } from '../../api/safeguarding.ts';
import { h, replace } from '../../dom.ts';
import { clock, todayInRome } from '../../state/time.ts';
import { st, type TextKey } from './texts.ts';

export const ALERT_POLL_MS = 5000;

function caseLine(c: NobodyHomeCase): string {
  if (c.closedAt)
    return st('closedLine', {
      name: c.passengerName,
      outcome: st(`outcome_${c.outcome}` as TextKey, { place: c.safePlace ?? '' }),
      time: clock(c.closedAt),
    });
  return st('alertLine', {
    name: c.passengerName,
    stop: c.stopId,
    driver: c.driverId,
    time: clock(c.openedAt),
    steps: c.steps.map((s) => `${clock(s.at)} ${st(`step_${s.step}` as TextKey, { detail: s.detail })}`).join('; '),
  });
}

/** The alerts panel; it polls while it is in the page and stops once removed. */
export function safeguardingAlerts(): HTMLElement {
  const openList = h('ul', { class: 'sg-open' });
  const closedList = h('ul', { class: 'sg-closed' });
  const panel = h(
    'section',
    { class: 'panel sg-alerts', hidden: true, 'aria-labelledby': 'sg-alerts-h' },
    h('h2', { id: 'sg-alerts-h' }, st('alertsHeading')),
    h('div', { role: 'alert' }, openList),
    closedList,
  );
  let started = false;
  const poll = async () => {
    if (started && !panel.isConnected) return;
    started = true;
    try {
      const cases = await safeguardingApi.alerts(todayInRome());
      const open = cases.filter((c) => !c.closedAt);
      replace(
        openList,
        open.map((c) => h('li', { class: 'sg-alert' }, caseLine(c))),
      );
      replace(
        closedList,
        cases.filter((c) => c.closedAt).map((c) => h('li', {}, caseLine(c))),
      );
      panel.hidden = cases.length === 0;
    } catch {
      // the plan page works without this panel; the next poll tries again
    }
    setTimeout(() => void poll(), ALERT_POLL_MS);
  };
  setTimeout(() => void poll(), 0);
  return panel;
}
