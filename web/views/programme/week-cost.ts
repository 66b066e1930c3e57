/**
 * The week's € cost at the providers' tariffs, added to the coordinator's key figures of a plan
 * version — a draft too, so the cost is seen before publishing. Fetched once per version.
 */
import type { Api } from '../../api/client.ts';
import { programmeApi } from '../../api/programme.ts';
import { h } from '../../dom.ts';
import { euro, pt } from './texts.ts';

const costs = new Map<string, Promise<{ costCents: number; voucherCents: number }>>();

export function appendWeekCost(figures: HTMLElement, api: Api, plan: { week: string; version: number }): void {
  const key = `${plan.week}|${plan.version}`;
  let cost = costs.get(key);
  if (!cost) {
    cost = programmeApi(api).planCost(plan.week, plan.version);
    costs.set(key, cost);
    cost.catch(() => costs.delete(key));
  }
  void cost
    .then((c) => {
      const dl = figures.querySelector('dl.figures');
      if (!dl || dl.querySelector('[data-week-cost]')) return;
      dl.append(
        h(
          'div',
          { 'data-week-cost': key },
          h('dt', {}, pt('weekCost')),
          h('dd', {}, `${euro(c.costCents)} (${pt('voucherShare')} ${euro(c.voucherCents)})`),
        ),
      );
    })
    .catch(() => undefined);
}
