/**
 * Management screens for services, passengers, households, standing requests, vehicles and
 * drivers: a paged table with a search box (and a municipality filter where the API has one),
 * delete, a per-field form to create or edit one record (record-editor.ts), and CSV
 * export/import where the API has it.
 */
import type { Api, Entity } from '../../api/client.ts';
import type { EntityRow as Row } from '../../../server/contract/entities.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { pointInside } from '../../forms/centres.ts';
import type { Centre } from '../../forms/render.ts';
import { t } from '../../i18n/i18n.ts';
import { pager } from '../pager.ts';
import { openRecordEditor } from './record-editor.ts';
import { summarise } from './summarise.ts';

export const MANAGED: Entity[] = ['passengers', 'households', 'requests', 'vehicles', 'drivers', 'services'];
const CSV: Partial<Record<Entity, 'passengers' | 'requests'>> = { passengers: 'passengers', requests: 'requests' };
/** The list API filters every entity by `q`, and all but drivers by municipality. */
const BY_MUNICIPALITY: Entity[] = ['passengers', 'households', 'requests', 'vehicles', 'services'];
const PAGE_SIZE = 25;

/** The 16 municipalities once per screen: names for the filter, inner points for the place control. */
async function loadCentres(api: Api): Promise<Centre[]> {
  const fc = await api.municipalities();
  return fc.features
    .flatMap((f) => {
      const name = (f.properties as { name?: unknown } | null)?.name;
      if (typeof name !== 'string' || f.geometry.type !== 'Polygon') return [];
      const [lon, lat] = pointInside(f.geometry.coordinates[0]!);
      return [{ name, lat, lon }];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

export function manageView(root: HTMLElement, api: Api, entity: Entity): void {
  const table = h('div', { class: 'table-wrap' });
  const pages = pager({
    pageSize: PAGE_SIZE,
    label: ({ page, pages, total }) => `${t('manage.page', { page, pages })} · ${t('manage.total', { total })}`,
    load: () => void load(),
  });
  const report = h('div', { class: 'import-report', role: 'status' });
  const editor = h('div', { class: 'editor' });
  const csv = CSV[entity];
  const fileId = uid('csv');
  const searchId = uid('search');
  const municipalityId = uid('municipality');
  const search = h('input', { id: searchId, type: 'search', autocomplete: 'off', maxLength: 100 });
  const municipality = h('select', { id: municipalityId }, h('option', { value: '' }, t('form.filter.all')));
  let centres: Centre[] = [];
  const centresLoaded = loadCentres(api)
    .then((list) => {
      centres = list;
      municipality.append(...list.map((c) => h('option', { value: c.name }, c.name)));
    })
    .catch(() => undefined);

  const filters = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (search.value.trim()) out.q = search.value.trim();
    if (municipality.value) out.municipality = municipality.value;
    return out;
  };

  let loads = 0;
  const load = async () => {
    const seq = ++loads;
    try {
      const res = await api.list(entity, pages.page, PAGE_SIZE, filters());
      if (seq !== loads) return; // a newer search was typed meanwhile
      renderTable(res.items);
      pages.show(res.total);
    } catch (err) {
      replace(table, h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })));
    }
  };

  const renderTable = (rows: Row[]) => {
    if (!rows.length) return replace(table, h('p', {}, t('manage.empty')));
    replace(
      table,
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, t(`nav.${entity}`)),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('manage.col.id'), t('manage.col.name'), t('manage.col.details'), t('manage.col.actions')].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) => {
            const { name, details } = summarise(entity, row);
            return h(
              'tr',
              {},
              h('td', {}, h('code', {}, row.id)),
              h('td', {}, name),
              h('td', {}, details),
              h(
                'td',
                { class: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    'aria-label': t('manage.edit', { id: row.id }),
                    onclick: () => void edit(row),
                  },
                  t('manage.editShort'),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'danger',
                    'aria-label': `${t('manage.delete')} ${row.id}`,
                    onclick: async () => {
                      if (!confirm(t('manage.confirmDelete', { id: row.id }))) return;
                      await api
                        .remove(entity, row.id)
                        .then(() => announce(t('manage.deleted', { id: row.id })))
                        .catch((e: Error) =>
                          replace(
                            report,
                            h('p', { class: 'error', role: 'alert' }, t('app.error', { message: e.message })),
                          ),
                        );
                      void load();
                    },
                  },
                  t('manage.delete'),
                ),
              ),
            );
          }),
        ),
      ),
    );
  };

  /** Back to where the coordinator came from: the record's Edit button, or New. */
  const closeEditor = async (id: string | null, reload: boolean) => {
    replace(editor);
    if (reload) await load();
    const back = id
      ? [...table.querySelectorAll<HTMLButtonElement>('button[aria-label]')].find(
          (b) => b.getAttribute('aria-label') === t('manage.edit', { id }),
        )
      : undefined;
    (back ?? root.querySelector<HTMLButtonElement>('#create'))?.focus();
  };
  const edit = async (row: Row | null) => {
    await centresLoaded;
    await openRecordEditor(editor, {
      api,
      entity,
      row,
      centres,
      onSaved: (id) => void closeEditor(id, true),
      onClose: () => void closeEditor(row?.id ?? null, false),
    });
  };

  let debounce: ReturnType<typeof setTimeout> | undefined;
  const refilter = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      pages.first();
      void load();
    }, 250);
  };
  search.addEventListener('input', refilter);
  municipality.addEventListener('change', refilter);
  const filterBar = h(
    'form',
    {
      class: 'toolbar manage-filter',
      role: 'search',
      'aria-label': t('form.filter.label'),
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        pages.first();
        void load();
      },
    },
    h('div', { class: 'field' }, h('label', { for: searchId }, t('form.filter.search')), search),
    BY_MUNICIPALITY.includes(entity)
      ? h('div', { class: 'field' }, h('label', { for: municipalityId }, t('form.filter.municipality')), municipality)
      : null,
    h('button', { type: 'submit', class: 'secondary' }, t('form.filter.apply')),
  );

  const fileInput = h('input', { id: fileId, type: 'file', accept: '.csv,text/csv' });
  replace(
    root,
    h('h1', {}, t('manage.heading', { entity: t(`nav.${entity}`) })),
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', class: 'primary', id: 'create', onclick: () => void edit(null) }, t('manage.new')),
    ),
    csv
      ? h(
          'div',
          { class: 'toolbar' },
          h(
            'button',
            {
              type: 'button',
              id: 'export-csv',
              onclick: async () => {
                const text = await api.exportCsv(csv);
                const link = h('a', {
                  href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })),
                  download: `${csv}.csv`,
                });
                link.click();
                URL.revokeObjectURL(link.href);
              },
            },
            t('manage.export'),
          ),
          h('div', { class: 'field' }, h('label', { for: fileId }, t('manage.importFile')), fileInput),
          h(
            'button',
            {
              type: 'button',
              id: 'import-csv',
              onclick: async () => {
                const file = fileInput.files?.[0];
                if (!file) return;
                try {
                  const res = await api.importCsv(csv, await file.text());
                  const count = res.imported;
                  replace(
                    report,
                    h('p', {}, t('manage.imported', { count })),
                    res.errors.length
                      ? h(
                          'div',
                          {},
                          h('h2', {}, t('manage.importErrors')),
                          h(
                            'ul',
                            {},
                            res.errors.map((e) => h('li', {}, `${e.row}${e.field ? ` ${e.field}` : ''}: ${e.message}`)),
                          ),
                        )
                      : null,
                  );
                  void load();
                } catch (err) {
                  replace(report, h('p', { class: 'error' }, t('app.error', { message: (err as Error).message })));
                }
              },
            },
            t('manage.import'),
          ),
        )
      : null,
    report,
    editor,
    filterBar,
    table,
    pages.element,
  );
  void load();
}
