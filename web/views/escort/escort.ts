/**
 * The escort's own view of the day on a phone: the runs they ride (van, driver, times) and, per
 * run, the passengers in order of boarding with when each boards and alights; those who travel
 * only with an escort aboard are marked.
 */
import type { z } from 'zod';
import { type EscortDaySchema, escortsContract } from '../../../server/contract/safeguarding.ts';
import { api } from '../../api/client.ts';
import { h, replace, uid } from '../../dom.ts';
import { lang } from '../../i18n/i18n.ts';
import { clock } from '../../state/time.ts';

type Day = z.infer<typeof EscortDaySchema>;

const TEXT = {
  it: {
    heading: 'La mia giornata (accompagnatore)',
    date: 'Data',
    none: 'Nessuna corsa da accompagnare in questa data.',
    run: 'Furgone {vehicle}, autista {driver}: {from}–{to}',
    needs: 'da accompagnare',
    times: 'sale alle {on}, scende alle {off}',
  },
  en: {
    heading: 'My day (escort)',
    date: 'Date',
    none: 'No run to escort on this date.',
    run: 'Van {vehicle}, driver {driver}: {from}–{to}',
    needs: 'needs you aboard',
    times: 'boards at {on}, alights at {off}',
  },
};
const tx = (k: keyof (typeof TEXT)['it'], p: Record<string, string> = {}) =>
  TEXT[lang() === 'en' ? 'en' : 'it'][k].replace(/\{(\w+)\}/g, (_, n: string) => p[n] ?? '');

const fetchDay = (date: string): Promise<Day> => api.call(escortsContract.myDay, { params: { date } });

export function escortView(root: HTMLElement, date: string): void {
  const dateId = uid('date');
  const dateInput = h('input', { id: dateId, type: 'date', value: date });
  const list = h('div', { class: 'runs' });
  const load = async () => {
    try {
      const day = await fetchDay(dateInput.value);
      if (day.runs.length === 0) return replace(list, h('p', { class: 'empty' }, tx('none')));
      replace(
        list,
        day.runs.map((r) =>
          h(
            'section',
            { class: 'run-part escort-run' },
            h(
              'h2',
              {},
              tx('run', {
                vehicle: r.vehicleId,
                driver: r.driverId ?? '—',
                from: clock(r.departure),
                to: clock(r.return),
              }),
            ),
            h(
              'ol',
              { class: 'run' },
              r.passengers.map((p) =>
                h(
                  'li',
                  { class: 'stop-card' },
                  h('strong', {}, p.name),
                  ' ',
                  p.needsEscortAboard ? h('span', { class: 'need need-escort' }, tx('needs')) : null,
                  h('div', {}, tx('times', { on: clock(p.boards), off: p.alights ? clock(p.alights) : '—' })),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      replace(list, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
    }
    if (root.isConnected) document.body.dataset.ready = 'escort';
  };
  dateInput.addEventListener('change', () => void load());
  replace(
    root,
    h('h1', {}, tx('heading')),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: dateId }, tx('date')), dateInput)),
    list,
  );
  void load();
}
