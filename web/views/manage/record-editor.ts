/**
 * The form to create or edit one managed record: controls from the entity's descriptors
 * (entity-fields.ts), reference selects filled from the API, and every value the server refuses
 * shown at its field in the page's language (the server's own words underneath), with focus on
 * the first one. On an error nothing is re-rendered, so nothing typed is lost.
 */
import { ApiError, type Api, type Entity } from '../../api/client.ts';
import type { EntityRow as Row } from '../../../server/contract/entities.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { fromDraft, toDraft } from '../../forms/draft.ts';
import { referencedEntities, WEEKDAYS, type ClientIssue } from '../../forms/fields.ts';
import { explainIssue, locateIssue } from '../../forms/issues.ts';
import { renderRecordForm, type Centre, type RefOption } from '../../forms/render.ts';
import { t } from '../../i18n/i18n.ts';
import { blankRecord, ENTITY_FIELDS } from './entity-fields.ts';
import { summarise } from './summarise.ts';

export interface EditorOptions {
  api: Api;
  entity: Entity;
  /** The record to edit, or null for a new one. */
  row: Row | null;
  centres: Centre[];
  onSaved(id: string): void;
  onClose(): void;
}

async function loadRefs(api: Api, entities: Entity[]): Promise<Partial<Record<Entity, RefOption[]>>> {
  const lists = await Promise.all(
    entities.map(async (e) => {
      const rows = await api.listAll(e);
      return [e, rows.map((r) => ({ id: r.id, label: `${summarise(e, r).name || r.id} (${r.id})` }))] as const;
    }),
  );
  return Object.fromEntries(lists);
}

export async function openRecordEditor(host: HTMLElement, opts: EditorOptions): Promise<void> {
  const { api, entity, row } = opts;
  const fields = ENTITY_FIELDS[entity];
  const isNew = row === null;
  const base: Record<string, unknown> = row ?? blankRecord(entity, `${entity.slice(0, 3)}-${Date.now().toString(36)}`);
  replace(host, h('p', { role: 'status' }, t('app.loading')));
  let refs: Partial<Record<Entity, RefOption[]>>;
  try {
    refs = await loadRefs(api, referencedEntities(fields));
  } catch (err) {
    replace(host, h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })));
    return;
  }
  const form = renderRecordForm(fields, toDraft(fields, base), { isNew, refs, centres: opts.centres });
  const headingId = uid('form-title');
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, t('app.save'));

  const show = (issues: { path: string; text: string; detail?: string }[], sent: unknown) => {
    const placed: Parameters<typeof form.showIssues>[0] = [];
    const unplaced: string[] = [];
    for (const issue of issues) {
      const target = locateIssue(fields, issue.path, sent, form.controlsOf);
      if (target) placed.push({ ...target, text: issue.text, detail: issue.detail });
      else unplaced.push(issue.path === '(body)' ? issue.text : `${issue.path}: ${issue.text}`);
    }
    const first = form.showIssues(placed);
    replace(
      summary,
      h('p', {}, t('form.errorsFound', { count: issues.length })),
      unplaced.length
        ? h(
            'ul',
            {},
            unplaced.map((u) => h('li', {}, u)),
          )
        : null,
    );
    (first ?? summary).focus();
  };
  const fromClient = (issues: ClientIssue[], sent: unknown) =>
    show(
      issues.map((i) => ({ path: i.path, text: t(i.key) })),
      sent,
    );
  const fromServer = (err: ApiError, sent: unknown) => {
    if (err.status === 409 && isNew)
      return show([{ path: 'id', text: t('form.error.exists'), detail: err.message }], sent);
    const details = err.details.length ? err.details : [{ path: '(body)', message: err.message }];
    show(
      details.map((d) => {
        const known = explainIssue(d.message);
        if (!known) return { path: d.path, text: d.message };
        const { day } = known.params;
        if (day && (WEEKDAYS as readonly string[]).includes(day))
          known.params.day = t(`weekday.${day}` as 'weekday.mon');
        return { path: d.path, text: t(known.key, known.params), detail: d.message };
      }),
      sent,
    );
  };

  const onsubmit = async (ev: Event) => {
    ev.preventDefault();
    form.clearIssues();
    replace(summary);
    const { value, issues } = fromDraft(fields, form.read(), base);
    if (issues.length) return fromClient(issues, value);
    save.disabled = true;
    try {
      const saved = isNew ? await api.create(entity, value as Row) : await api.update(entity, row.id, value as Row);
      announce(t('form.saved', { id: saved.id }));
      opts.onSaved(saved.id);
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) fromServer(err, value);
      else show([{ path: '(body)', text: t('app.error', { message: (err as Error).message }) }], value);
    } finally {
      save.disabled = false;
    }
  };

  replace(
    host,
    h(
      'form',
      { class: 'card record-form', novalidate: true, 'aria-labelledby': headingId, onsubmit },
      h(
        'h2',
        { id: headingId },
        isNew ? t('form.newTitle', { entity: t(`nav.${entity}`) }) : t('form.editTitle', { id: row.id }),
      ),
      summary,
      form.el,
      h(
        'div',
        { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'secondary', onclick: opts.onClose }, t('app.cancel')),
        save,
      ),
    ),
  );
  summary.tabIndex = -1;
  host.scrollIntoView?.({ block: 'start' });
  (form.el.querySelector<HTMLElement>('input:not([readonly]), select, textarea') ?? save).focus();
}
