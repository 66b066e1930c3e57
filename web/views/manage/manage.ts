/**
 * Management screens for services, passengers, households, standing requests, vehicles and
 * drivers: a paged table, delete, an editor for one record (its JSON, validated by the server,
 * which answers with the field and reason on error), and CSV export/import where the API has it.
 */
import { ApiError, type Api, type Entity } from '../../api/client.ts';
import type { Row } from '../../api/responses.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { summarise } from './summarise.ts';

export const MANAGED: Entity[] = ['passengers', 'households', 'requests', 'vehicles', 'drivers', 'services'];
const CSV: Partial<Record<Entity, 'passengers' | 'requests'>> = { passengers: 'passengers', requests: 'requests' };
const PAGE_SIZE = 25;

export function manageView(root: HTMLElement, api: Api, entity: Entity): void {
  let page = 1;
  const table = h('div', { class: 'table-wrap' });
  const pager = h('div', { class: 'pager' });
  const report = h('div', { class: 'import-report', role: 'status' });
  const editor = h('div', { class: 'editor' });
  const csv = CSV[entity];
  const fileId = uid('csv');

  const load = async () => {
    try {
      const res = await api.list(entity, page, PAGE_SIZE);
      renderTable(res.items);
      const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
      replace(pager,
        h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: () => { page--; void load(); } }, t('manage.prev')),
        h('span', {}, `${t('manage.page', { page, pages })} · ${t('manage.total', { total: res.total })}`),
        h('button', { type: 'button', class: 'secondary', disabled: page >= pages, onclick: () => { page++; void load(); } }, t('manage.next')));
    } catch (err) {
      replace(table, h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })));
    }
  };

  let lastRows: Row[] = [];
  const renderTable = (rows: Row[]) => {
    lastRows = rows;
    if (!rows.length) return replace(table, h('p', {}, t('manage.empty')));
    replace(table, h('table', {},
      h('caption', { class: 'visually-hidden' }, t(`nav.${entity}`)),
      h('thead', {}, h('tr', {}, [t('manage.col.id'), t('manage.col.name'), t('manage.col.details'), t('manage.col.actions')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((row) => {
        const { name, details } = summarise(entity, row);
        return h('tr', {},
          h('td', {}, h('code', {}, row.id)),
          h('td', {}, name),
          h('td', {}, details),
          h('td', { class: 'actions' },
            h('button', { type: 'button', class: 'secondary', 'aria-label': t('manage.edit', { id: row.id }), onclick: () => edit(row) }, t('manage.editShort')),
            h('button', {
              type: 'button', class: 'danger', 'aria-label': `${t('manage.delete')} ${row.id}`,
              onclick: async () => {
                if (!confirm(t('manage.confirmDelete', { id: row.id }))) return;
                await api.remove(entity, row.id).then(() => announce(t('manage.deleted', { id: row.id }))).catch((e: Error) => alert(e.message));
                void load();
              },
            }, t('manage.delete'))));
      }))));
  };

  /** A new record starts as a copy of the first listed one with a fresh id, so every field is there to fill. */
  const create = () => edit({ ...(lastRows[0] ?? {}), id: `${entity.slice(0, 3)}-new-${Date.now().toString(36)}` }, true);

  const edit = (row: Row, isNew = false) => {
    const areaId = uid('json');
    const area = h('textarea', { id: areaId, rows: 14, spellcheck: false }, JSON.stringify(row, null, 2));
    const error = h('p', { class: 'error', role: 'alert' });
    replace(editor, h('form', {
      class: 'card',
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        try {
          const body = JSON.parse(area.value) as Row;
          if (isNew) await api.create(entity, body);
          else await api.update(entity, row.id, body);
          replace(editor);
          void load();
        } catch (err) {
          error.textContent = err instanceof ApiError || err instanceof Error ? err.message : String(err);
        }
      },
    },
    h('label', { for: areaId }, `${isNew ? t('manage.new') : row.id} (JSON)`), area, error,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => replace(editor) }, t('app.cancel')),
      h('button', { type: 'submit', class: 'primary' }, t('app.save')))));
    area.focus();
  };

  const fileInput = h('input', { id: fileId, type: 'file', accept: '.csv,text/csv' });
  replace(root,
    h('h1', {}, t('manage.heading', { entity: t(`nav.${entity}`) })),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'primary', id: 'create', onclick: create }, t('manage.new'))),
    csv ? h('div', { class: 'toolbar' },
      h('button', {
        type: 'button', id: 'export-csv',
        onclick: async () => {
          const text = await api.exportCsv(csv);
          const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: `${csv}.csv` });
          link.click();
          URL.revokeObjectURL(link.href);
        },
      }, t('manage.export')),
      h('div', { class: 'field' }, h('label', { for: fileId }, t('manage.importFile')), fileInput),
      h('button', {
        type: 'button', id: 'import-csv',
        onclick: async () => {
          const file = fileInput.files?.[0];
          if (!file) return;
          try {
            const res = await api.importCsv(csv, await file.text());
            const count = res.imported ?? (res.created ?? 0) + (res.updated ?? 0);
            replace(report, h('p', {}, t('manage.imported', { count })),
              res.errors.length ? h('div', {}, h('h2', {}, t('manage.importErrors')), h('ul', {}, res.errors.map((e) => h('li', {}, `${e.line ?? e.row ?? '?'}${e.field ? ` ${e.field}` : ''}: ${e.message}`)))) : null);
            void load();
          } catch (err) {
            replace(report, h('p', { class: 'error' }, t('app.error', { message: (err as Error).message })));
          }
        },
      }, t('manage.import'))) : null,
    report, editor, table, pager);
  void load();
}
