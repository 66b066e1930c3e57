/**
 * The coordinator's Action A screen (#/programme): booking requests pending approval (approve,
 * or refuse with a reason the family reads), the budget per funding line with the weeks the
 * remaining budget covers, and the monitoring report — filters, charts (chart.js), the table per
 * comune and Ambito, the conciliation-hours formula, repeated no-shows and the CSV export.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Api } from '../../api/client.ts';
import type { MonitoringReport, MonitoringRow } from '../../../server/contract/programme.ts';
import { programmeApi } from '../../api/programme.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { todayInRome } from '../../state/time.ts';
import { euro, pt } from './texts.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

interface BudgetLine {
  fundingLine: 'regional' | 'cofunding';
  amountCents: number;
  spentCents: number;
  committedCents: number;
  remainingCents: number;
  weeklyCents: number;
  projectedCents: number;
}
interface Budget {
  lines: BudgetLine[];
  total: Omit<BudgetLine, 'fundingLine'>;
  rateWeek: string | null;
  rateSource: string | null;
  weeksCovered: number | null;
  plans: { week: string; version: number; status: string; trips: number; costCents: number }[];
}

const charts = new Set<Chart>();

function table(caption: string, head: string[], rows: (string | number)[][]): HTMLTableElement {
  return h(
    'table',
    { class: 'data' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, String(c)) : h('td', {}, String(c)))),
        ),
      ),
    ),
  );
}

function chartCanvas(label: string): HTMLCanvasElement {
  return h('canvas', { role: 'img', 'aria-label': label, width: 640, height: 260 });
}

function firstOfMonth(today: string): string {
  const d = new Date(`${today.slice(0, 7)}-01T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

export function programmeView(root: HTMLElement, api: Api): void {
  const p = programmeApi(api);
  for (const c of charts) c.destroy();
  charts.clear();
  const pendingEl = h(
    'section',
    { class: 'panel', id: 'pending' },
    h('h2', {}, pt('pending')),
    h('p', {}, pt('loading')),
  );
  const budgetEl = h('section', { class: 'panel', id: 'budget' }, h('h2', {}, pt('budget')), h('p', {}, pt('loading')));
  const monitoringEl = h('section', { class: 'panel', id: 'monitoring' }, h('h2', {}, pt('monitoring')));
  replace(root, h('h1', {}, pt('heading')), pendingEl, budgetEl, monitoringEl);

  const fail = (el: HTMLElement, title: string, err: unknown) =>
    replace(
      el,
      h('h2', {}, title),
      h('p', { class: 'error', role: 'alert' }, pt('error', { message: (err as Error).message })),
    );

  const loadPending = async () => {
    try {
      const { items } = await p.requests('pending');
      const status = h('p', { role: 'status', class: 'ok' });
      if (items.length === 0) {
        replace(pendingEl, h('h2', {}, pt('pending')), h('p', {}, pt('noPending')), status);
        return;
      }
      const rows = items.map((r) => {
        const reasonId = uid('refuse-reason');
        const reason = h('input', { id: reasonId, type: 'text', minlength: 3, maxlength: 500 });
        const act = (fn: () => Promise<unknown>, done: string) => async (ev: Event) => {
          (ev.currentTarget as HTMLButtonElement).disabled = true;
          try {
            await fn();
            announce(done);
            await loadPending();
            await loadBudget();
            const s = pendingEl.querySelector('[role="status"]');
            if (s) s.textContent = done;
          } catch (err) {
            (ev.currentTarget as HTMLButtonElement | null)?.removeAttribute('disabled');
            status.className = 'error';
            status.setAttribute('role', 'alert');
            status.textContent = pt('error', { message: (err as Error).message });
          }
        };
        return h(
          'tr',
          { 'data-request': r.id },
          h('th', { scope: 'row' }, r.passengerName),
          h('td', {}, r.serviceName),
          h('td', {}, r.weekdays.join(', ')),
          h(
            'td',
            {},
            r.kind === 'catalogue' ? h('strong', { class: 'kind-catalogue' }, `${pt('kindCatalogue')}: `) : '',
            r.slot.join('; '),
          ),
          h(
            'td',
            {},
            r.eligibility?.eligible
              ? `${pt('eligible')}: ${r.eligibility.grounds.join('; ')}`
              : `${pt('notEligible')}: ${(r.eligibility?.reasons ?? []).map((x) => x.message).join('; ')}`,
          ),
          h('td', {}, r.voucher ? euro(r.voucher.remainingCents) : '—'),
          h('td', {}, euro(r.estimateCents)),
          h(
            'td',
            {},
            h(
              'button',
              { type: 'button', class: 'primary', onclick: act(() => p.approve(r.id), pt('approved')) },
              pt('approve'),
            ),
            h('label', { for: reasonId }, pt('refuseReason')),
            reason,
            h(
              'button',
              { type: 'button', class: 'secondary', onclick: act(() => p.refuse(r.id, reason.value), pt('refused')) },
              pt('refuse'),
            ),
          ),
        );
      });
      replace(
        pendingEl,
        h('h2', {}, pt('pending')),
        status,
        h(
          'table',
          { class: 'data' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                pt('passenger'),
                pt('service'),
                pt('days'),
                pt('slot'),
                pt('eligibility'),
                pt('voucherLeft'),
                pt('estimate'),
                pt('actions'),
              ].map((x) => h('th', { scope: 'col' }, x)),
            ),
          ),
          h('tbody', {}, rows),
        ),
      );
    } catch (err) {
      fail(pendingEl, pt('pending'), err);
    }
  };

  const loadBudget = async () => {
    try {
      const b = (await p.budget()) as unknown as Budget;
      const line = (l: BudgetLine | (Budget['total'] & { fundingLine?: string }), name: string) => [
        name,
        euro(l.amountCents),
        euro(l.spentCents),
        euro(l.committedCents),
        euro(l.remainingCents),
        euro(l.weeklyCents),
        euro(l.projectedCents),
      ];
      replace(
        budgetEl,
        h('h2', {}, pt('budget')),
        h(
          'p',
          { id: 'weeks-covered', class: 'figure' },
          b.weeksCovered === null ? '—' : pt('weeksCovered', { n: b.weeksCovered }),
        ),
        h(
          'p',
          {},
          b.rateSource === 'published plan' ? pt('rateFromPlan', { week: b.rateWeek ?? '' }) : pt('rateFromDelivered'),
        ),
        table(
          pt('budget'),
          [pt('line'), pt('amount'), pt('spent'), pt('committed'), pt('remaining'), pt('weekly'), pt('projected')],
          [...b.lines.map((l) => line(l, pt(l.fundingLine))), line(b.total, pt('total'))],
        ),
        b.plans.length
          ? table(
              pt('planCosts'),
              [pt('week'), pt('version'), pt('status'), pt('trips'), pt('cost')],
              b.plans.map((x) => [x.week, x.version, x.status, x.trips, euro(x.costCents)]),
            )
          : null,
      );
    } catch (err) {
      fail(budgetEl, pt('budget'), err);
    }
  };

  // Monitoring: filters, charts, tables, CSV.
  const today = todayInRome();
  const fromId = uid('mon-from');
  const toId = uid('mon-to');
  const comuneId = uid('mon-comune');
  const from = h('input', { id: fromId, type: 'date', value: firstOfMonth(today) });
  const to = h('input', { id: toId, type: 'date', value: today });
  const comune = h('select', { id: comuneId }, h('option', { value: '' }, pt('allComuni')));
  const out = h('div', { class: 'monitoring-out' });
  const csvStatus = h('p', { role: 'status' });
  let comuniFilled = false;

  const render = (r: MonitoringReport) => {
    for (const c of charts) c.destroy();
    charts.clear();
    if (!comuniFilled) {
      for (const c of r.byComune)
        comune.append(
          h('option', { value: c.istatCode ?? '' }, c.istatCode === 'outside' ? pt('outside') : (c.comune ?? '')),
        );
      comuniFilled = true;
    }
    const tripsCanvas = chartCanvas(pt('chartTrips'));
    const fundingCanvas = chartCanvas(pt('chartFunding'));
    const daysCanvas = chartCanvas(pt('chartDays'));
    const head = [
      pt('comune'),
      pt('households'),
      pt('people'),
      pt('children'),
      pt('disabledAdults'),
      pt('frailElderly'),
      pt('planned'),
      pt('delivered'),
      pt('noShow'),
      pt('km'),
      pt('vehicleHours'),
      pt('euro'),
      pt('euroPerTrip'),
      pt('euroPerPerson'),
      pt('conciliationHours'),
    ];
    const cells = (x: MonitoringRow, name: string) => [
      name,
      x.households,
      x.people,
      x.children,
      x.disabledAdults,
      x.frailElderly,
      x.tripsPlanned,
      x.tripsDelivered,
      x.tripsNoShow,
      (x.kmM / 1000).toFixed(1),
      (x.vehicleS / 3600).toFixed(1),
      euro(x.costCents),
      euro(x.centsPerTrip),
      euro(x.centsPerPerson),
      (x.conciliationMin / 60).toFixed(1),
    ];
    const name = (x: MonitoringRow) => (x.istatCode === 'outside' ? pt('outside') : (x.comune ?? ''));
    replace(
      out,
      h(
        'p',
        { class: 'formula' },
        h('strong', {}, `${pt('formula')}: `),
        pt('formulaText'),
        ' ',
        h('code', {}, r.formula),
      ),
      h('div', { class: 'chart' }, tripsCanvas),
      h('div', { class: 'chart' }, fundingCanvas),
      h('div', { class: 'chart' }, daysCanvas),
      table(pt('byComune'), head, [...r.byComune.map((x) => cells(x, name(x))), cells(r.total, pt('total'))]),
      table(
        pt('byAmbito'),
        [pt('ambito'), ...head.slice(1)],
        r.byAmbito.map((x) => cells(x, x.ambito ?? '')),
      ),
      r.noShowWarnings.length
        ? h(
            'section',
            { id: 'no-shows' },
            h('h3', {}, pt('noShowWarnings')),
            h(
              'ul',
              {},
              r.noShowWarnings.map((w) =>
                h(
                  'li',
                  {},
                  pt('noShowLine', {
                    passenger: w.passengerId,
                    household: w.householdId,
                    n: w.noShows,
                    dates: w.dates.join(', '),
                  }),
                ),
              ),
            ),
          )
        : null,
    );
    charts.add(
      new Chart(tripsCanvas, {
        type: 'bar',
        data: {
          labels: r.byComune.map(name),
          datasets: [
            { label: pt('delivered'), data: r.byComune.map((x) => x.tripsDelivered), backgroundColor: '#1b6e3a' },
            { label: pt('noShow'), data: r.byComune.map((x) => x.tripsNoShow), backgroundColor: '#b3261e' },
          ],
        },
        options: { animation: false, responsive: false, scales: { x: { stacked: true }, y: { stacked: true } } },
      }),
    );
    charts.add(
      new Chart(fundingCanvas, {
        type: 'bar',
        data: {
          labels: r.byAmbito.map((x) => x.ambito ?? ''),
          datasets: [
            { label: pt('regional'), data: r.byAmbito.map((x) => x.regionalCents / 100), backgroundColor: '#1f4e8c' },
            { label: pt('cofunding'), data: r.byAmbito.map((x) => x.cofundingCents / 100), backgroundColor: '#8c5a1f' },
            { label: pt('ungranted'), data: r.byAmbito.map((x) => x.ungrantedCents / 100), backgroundColor: '#777777' },
          ],
        },
        options: { animation: false, responsive: false },
      }),
    );
    charts.add(
      new Chart(daysCanvas, {
        type: 'line',
        data: {
          labels: r.days.map((d) => d.date),
          datasets: [
            { label: pt('planned'), data: r.days.map((d) => d.planned), borderColor: '#555555' },
            { label: pt('delivered'), data: r.days.map((d) => d.delivered), borderColor: '#1b6e3a' },
          ],
        },
        options: { animation: false, responsive: false },
      }),
    );
    document.body.dataset.monitoring = `${r.from}|${r.to}|${comune.value}`;
  };

  const loadMonitoring = async () => {
    try {
      render(await p.monitoring(from.value, to.value, comune.value || undefined));
    } catch (err) {
      replace(out, h('p', { class: 'error', role: 'alert' }, pt('error', { message: (err as Error).message })));
    }
  };
  const exportCsv = async () => {
    try {
      const text = await p.monitoringCsv(from.value, to.value, comune.value || undefined);
      const a = h('a', {
        href: URL.createObjectURL(new Blob([String(text)], { type: 'text/csv' })),
        download: `monitoraggio-${from.value}-${to.value}${comune.value ? `-${comune.value}` : ''}.csv`,
      });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (err) {
      csvStatus.textContent = pt('error', { message: (err as Error).message });
    }
  };
  replace(
    monitoringEl,
    h('h2', {}, pt('monitoring')),
    h(
      'form',
      {
        class: 'toolbar',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          void loadMonitoring();
        },
      },
      h('div', { class: 'field' }, h('label', { for: fromId }, pt('from')), from),
      h('div', { class: 'field' }, h('label', { for: toId }, pt('to')), to),
      h('div', { class: 'field' }, h('label', { for: comuneId }, pt('comune')), comune),
      h('button', { type: 'submit', class: 'primary' }, pt('update')),
      h('button', { type: 'button', class: 'secondary', onclick: () => void exportCsv() }, pt('exportCsv')),
    ),
    csvStatus,
    out,
  );

  void Promise.all([loadPending(), loadBudget(), loadMonitoring()]).then(() => {
    document.body.dataset.ready = 'true';
  });
}
