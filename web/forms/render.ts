/**
 * Builds the controls of a record form from its field descriptors (fields.ts), reads the values
 * back as a Draft, and shows refused values next to their control: aria-invalid, the message
 * linked with aria-describedby, focus on the first one. Nothing typed is lost on an error: the
 * controls stay as they are and only the messages change.
 */
import { h, uid } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import {
  WEEKDAYS,
  type Column,
  type Draft,
  type DraftValue,
  type Field,
  type GridDraft,
  type PlaceDraft,
} from './fields.ts';

/** A choice of a reference select: the id and what the coordinator reads. */
export interface RefOption {
  id: string;
  label: string;
}
/** A municipality to centre a place on (the place's own lat/lon stay editable). */
export interface Centre {
  name: string;
  lat: number;
  lon: number;
}

export interface FormContext {
  isNew: boolean;
  refs: Partial<Record<string, RefOption[]>>;
  centres: Centre[];
}

/** One control of a field: its path (what the server names), the element, a name for messages. */
interface Control {
  path: string;
  el: HTMLElement;
  name: string;
}

interface Rendered {
  el: HTMLElement;
  read(): DraftValue;
  controls(): Control[];
  /** Where this field's messages go; its id is in the invalid controls' aria-describedby. */
  error: HTMLElement;
}

export interface RecordForm {
  el: HTMLElement;
  read(): Draft;
  /** Control paths of a field, for issues.ts. */
  controlsOf(field: Field): string[];
  /** Marks the controls and shows the messages; returns the first invalid control in page order. */
  showIssues(issues: { field: string; controls: string[]; text: string; detail?: string }[]): HTMLElement | null;
  clearIssues(): void;
}

const weekdayName = (d: string) => t(`weekday.${d}` as 'weekday.mon');
const weekdayShort = (d: string) => weekdayName(d).slice(0, 3);

function errorSlot(): HTMLElement {
  return h('div', { class: 'field-error', id: uid('err') });
}

function input(type: string, value: string, attrs: Record<string, unknown> = {}): HTMLInputElement {
  return h('input', { type, value, ...attrs });
}

function simpleField(field: Field, value: DraftValue, ctx: FormContext): Rendered {
  const id = uid('f');
  const error = errorSlot();
  const hintId = field.hint ? uid('hint') : undefined;
  const described = hintId;
  let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  const s = String(value ?? '');
  switch (field.kind) {
    case 'text':
      control = field.multiline
        ? h(
            'textarea',
            { id, rows: 3, maxLength: field.maxLength, 'aria-describedby': described, class: 'form-notes' },
            s,
          )
        : input('text', s, {
            id,
            maxLength: field.maxLength,
            'aria-describedby': described,
            readOnly: field.createOnly && !ctx.isNew,
            autocomplete: 'off',
          });
      break;
    case 'number':
      control = input('number', s, {
        id,
        min: field.min,
        max: field.max,
        step: field.step ?? 'any',
        inputMode: 'decimal',
        'aria-describedby': described,
        class: 'form-number',
      });
      break;
    case 'date':
    case 'time':
      control = input(field.kind, s, { id, 'aria-describedby': described });
      break;
    case 'select':
    case 'ref': {
      const options: RefOption[] =
        field.kind === 'select'
          ? field.options.map((o) => ({ id: o, label: t(field.optionLabel(o)) }))
          : (ctx.refs[field.entity] ?? []);
      // A reference the list does not have (deleted meanwhile) stays visible rather than silently changing.
      const all = s && !options.some((o) => o.id === s) ? [{ id: s, label: s }, ...options] : options;
      control = h(
        'select',
        { id, 'aria-describedby': described },
        h('option', { value: '' }, t('form.choose')),
        all.map((o) => h('option', { value: o.id, selected: o.id === s }, o.label)),
      );
      break;
    }
    default:
      throw new Error(`simpleField: ${field.kind}`);
  }
  const el = h(
    'div',
    { class: 'field form-field', dataset: { path: field.path } },
    h('label', { for: id }, t(field.label)),
    hintId ? h('p', { class: 'hint', id: hintId }, t(field.hint!)) : null,
    control,
    error,
  );
  return {
    el,
    error,
    read: () => control.value,
    controls: () => [{ path: field.path, el: control, name: t(field.label) }],
  };
}

function checkboxField(field: Field, value: DraftValue): Rendered {
  const id = uid('f');
  const error = errorSlot();
  const box = input('checkbox', '', { id, checked: value === true });
  const el = h(
    'div',
    { class: 'form-field form-check', dataset: { path: field.path } },
    h('span', { class: 'check' }, box, h('label', { for: id }, t(field.label))),
    error,
  );
  return { el, error, read: () => box.checked, controls: () => [{ path: field.path, el: box, name: t(field.label) }] };
}

/** A set of checkboxes: the weekdays of a request, the vehicles a driver may drive. */
function choiceSet(field: Field, value: DraftValue, options: RefOption[], short: boolean): Rendered {
  const error = errorSlot();
  const chosen = new Set(value as string[]);
  const boxes = options.map((o) => ({ o, box: input('checkbox', o.id, { id: uid('f'), checked: chosen.has(o.id) }) }));
  const el = h(
    'fieldset',
    { class: `form-field form-set${short ? ' form-set-days' : ''}`, dataset: { path: field.path } },
    h('legend', {}, t(field.label)),
    boxes.map(({ o, box }) => h('span', { class: 'check' }, box, h('label', { for: box.id }, o.label))),
    error,
  );
  return {
    el,
    error,
    read: () => boxes.filter((b) => b.box.checked).map((b) => b.o.id),
    controls: () => boxes.map((b) => ({ path: `${field.path}.${b.o.id}`, el: b.box, name: b.o.label })),
  };
}

/** A list that grows and shrinks: closure dates, the adults of a household. */
function listField(field: Field & { kind: 'dates' | 'rows' }, value: DraftValue): Rendered {
  const error = errorSlot();
  const columns: Column[] = field.kind === 'rows' ? field.columns : [{ key: '', label: field.label }];
  const body = h('ul', { class: 'form-list' });
  const rows: { li: HTMLElement; cells: Map<string, HTMLInputElement> }[] = [];
  const addRow = (cells: Record<string, string>, focus = false) => {
    const map = new Map<string, HTMLInputElement>();
    const li = h('li', {});
    const n = rows.length + 1;
    for (const c of columns) {
      const id = uid('f');
      const el = input(field.kind === 'dates' ? 'date' : 'text', cells[c.key] ?? '', { id, autocomplete: 'off' });
      map.set(c.key, el);
      li.append(h('span', { class: 'field' }, h('label', { for: id }, `${t(c.label)} ${n}`), el));
    }
    const entry = { li, cells: map };
    li.append(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary form-remove',
          'aria-label': t('form.removeItem', { item: `${t(field.label)} ${n}` }),
          onclick: () => {
            const at = rows.indexOf(entry);
            rows.splice(at, 1);
            li.remove();
            (rows[at]?.cells.values().next().value ?? addButton).focus();
          },
        },
        t('form.remove'),
      ),
    );
    rows.push(entry);
    body.append(li);
    if (focus) map.values().next().value?.focus();
  };
  const addButton = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => addRow({}, true) },
    t('form.addItem', { item: t(field.label) }),
  );
  const initial =
    field.kind === 'dates' ? (value as string[]).map((d) => ({ '': d })) : (value as Record<string, string>[]);
  for (const cells of initial) addRow(cells);
  const el = h(
    'fieldset',
    { class: 'form-field', dataset: { path: field.path } },
    h('legend', {}, t(field.label)),
    body,
    addButton,
    error,
  );
  const cellPath = (i: number, key: string) => (key ? `${field.path}.${i}.${key}` : `${field.path}.${i}`);
  return {
    el,
    error,
    read: () =>
      field.kind === 'dates'
        ? rows.map((r) => r.cells.get('')!.value)
        : rows.map((r) => Object.fromEntries([...r.cells].map(([k, c]) => [k, c.value]))),
    controls: () =>
      rows.flatMap((r, i) =>
        [...r.cells].map(([k, c]) => ({ path: cellPath(i, k), el: c, name: c.labels?.[0]?.textContent ?? '' })),
      ),
  };
}

/** Label, latitude and longitude of a place; a municipality menu puts the point at its centre. */
function placeField(field: Field & { kind: 'place' }, value: DraftValue, ctx: FormContext): Rendered {
  const error = errorSlot();
  const p = value as PlaceDraft;
  const ids = { label: uid('f'), lat: uid('f'), lon: uid('f'), centre: uid('f'), inherit: uid('f') };
  const label = input('text', p.label, { id: ids.label, autocomplete: 'off', maxLength: 200 });
  const lat = input('number', p.lat, {
    id: ids.lat,
    step: 'any',
    min: -90,
    max: 90,
    inputMode: 'decimal',
    class: 'form-number',
  });
  const lon = input('number', p.lon, {
    id: ids.lon,
    step: 'any',
    min: -180,
    max: 180,
    inputMode: 'decimal',
    class: 'form-number',
  });
  const centre = h(
    'select',
    {
      id: ids.centre,
      onchange: () => {
        const c = ctx.centres.find((m) => m.name === centre.value);
        if (!c) return;
        lat.value = c.lat.toFixed(5);
        lon.value = c.lon.toFixed(5);
      },
    },
    h('option', { value: '' }, t('form.choose')),
    ctx.centres.map((c) => h('option', { value: c.name }, c.name)),
  );
  const inherit = field.optional ? input('checkbox', '', { id: ids.inherit, checked: p.inherit }) : null;
  const parts = h(
    'div',
    { class: 'form-place' },
    h('div', { class: 'field form-wide' }, h('label', { for: ids.label }, t('form.place.label')), label),
    ctx.centres.length
      ? h('div', { class: 'field' }, h('label', { for: ids.centre }, t('form.place.centre')), centre)
      : null,
    h('div', { class: 'field' }, h('label', { for: ids.lat }, t('form.place.lat')), lat),
    h('div', { class: 'field' }, h('label', { for: ids.lon }, t('form.place.lon')), lon),
  );
  const sync = () => {
    parts.hidden = inherit?.checked ?? false;
  };
  inherit?.addEventListener('change', sync);
  sync();
  const el = h(
    'fieldset',
    { class: 'form-field', dataset: { path: field.path } },
    h('legend', {}, t(field.label)),
    inherit
      ? h(
          'span',
          { class: 'check' },
          inherit,
          h('label', { for: ids.inherit }, t(field.inheritLabel ?? 'form.place.inherit')),
        )
      : null,
    parts,
    error,
  );
  return {
    el,
    error,
    read: () => ({ label: label.value, lat: lat.value, lon: lon.value, inherit: inherit?.checked ?? false }),
    // When the place is inherited nothing of it is sent, so nothing of it can be refused.
    controls: () =>
      inherit?.checked
        ? []
        : [
            { path: `${field.path}.label`, el: label, name: t('form.place.label') },
            { path: `${field.path}.lat`, el: lat, name: t('form.place.lat') },
            { path: `${field.path}.lon`, el: lon, name: t('form.place.lon') },
          ],
  };
}

/** One row per weekday, one time per column; a day left empty has no entry. */
function gridField(field: Field & { kind: 'grid' }, value: DraftValue): Rendered {
  const error = errorSlot();
  const grid = value as GridDraft;
  const hintId = uid('hint');
  const cells: Control[] = [];
  const table = h(
    'table',
    { class: 'form-grid' },
    h('caption', {}, t(field.label)),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('form.day')),
        field.columns.map((c) => h('th', { scope: 'col' }, t(c.label))),
      ),
    ),
    h(
      'tbody',
      {},
      WEEKDAYS.map((day) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, weekdayName(day)),
          field.columns.map((c) => {
            const name = `${weekdayName(day)}, ${t(c.label)}`;
            const el = input(c.kind ?? 'time', grid[day]?.[c.key] ?? '', {
              'aria-label': name,
              'aria-describedby': hintId,
            });
            cells.push({ path: `${field.path}.${day}.${c.key}`, el, name });
            return h('td', {}, el);
          }),
        ),
      ),
    ),
  );
  const el = h(
    'div',
    { class: 'form-field form-wide', dataset: { path: field.path } },
    h('div', { class: 'table-wrap' }, table),
    h('p', { class: 'hint', id: hintId }, t(field.hint ?? 'form.grid.hint')),
    error,
  );
  return {
    el,
    error,
    read: () => {
      const out = {} as GridDraft;
      for (const day of WEEKDAYS)
        out[day] = Object.fromEntries(
          field.columns.map((c) => [
            c.key,
            (cells.find((x) => x.path === `${field.path}.${day}.${c.key}`)!.el as HTMLInputElement).value,
          ]),
        );
      return out;
    },
    controls: () => cells,
  };
}

/** A nested value with no reasonable control: its JSON, folded away under "Avanzate". */
function jsonField(field: Field, value: DraftValue): Rendered {
  const id = uid('f');
  const error = errorSlot();
  const area = h('textarea', { id, rows: 6, spellcheck: false }, String(value));
  const el = h(
    'details',
    { class: 'form-field form-wide form-advanced', dataset: { path: field.path } },
    h('summary', {}, t('form.advanced')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, t(field.label)),
      field.hint ? h('p', { class: 'hint' }, t(field.hint)) : null,
      area,
    ),
    error,
  );
  return { el, error, read: () => area.value, controls: () => [{ path: field.path, el: area, name: t(field.label) }] };
}

function renderField(field: Field, value: DraftValue, ctx: FormContext): Rendered {
  switch (field.kind) {
    case 'checkbox':
      return checkboxField(field, value);
    case 'weekdays':
      return choiceSet(
        field,
        value,
        WEEKDAYS.map((d) => ({ id: d, label: weekdayShort(d) })),
        true,
      );
    case 'refs':
      return choiceSet(field, value, ctx.refs[field.entity] ?? [], false);
    case 'dates':
    case 'rows':
      return listField(field, value);
    case 'place':
      return placeField(field, value, ctx);
    case 'grid':
      return gridField(field, value);
    case 'json':
      return jsonField(field, value);
    default:
      return simpleField(field, value, ctx);
  }
}

export function renderRecordForm(fields: readonly Field[], draft: Draft, ctx: FormContext): RecordForm {
  const rendered = new Map(fields.map((f) => [f.path, renderField(f, draft[f.path]!, ctx)]));
  const el = h(
    'div',
    { class: 'form-fields' },
    [...rendered.values()].map((r) => r.el),
  );
  const marked: HTMLElement[] = [];
  const baseDescribedBy = new Map<HTMLElement, string | null>();
  return {
    el,
    read: () => Object.fromEntries(fields.map((f) => [f.path, rendered.get(f.path)!.read()])),
    controlsOf: (field) =>
      rendered
        .get(field.path)
        ?.controls()
        .map((c) => c.path) ?? [],
    showIssues(issues) {
      this.clearIssues();
      for (const issue of issues) {
        const r = rendered.get(issue.field);
        if (!r) continue;
        const controls = r.controls().filter((c) => issue.controls.includes(c.path));
        const several = r.controls().length > 1 && controls.length === 1;
        r.error.append(
          h(
            'p',
            {},
            several ? `${controls[0]!.name}: ${issue.text}` : issue.text,
            issue.detail ? h('span', { class: 'detail', lang: 'en' }, issue.detail) : null,
          ),
        );
        for (const c of controls) {
          if (!baseDescribedBy.has(c.el)) baseDescribedBy.set(c.el, c.el.getAttribute('aria-describedby'));
          c.el.setAttribute('aria-invalid', 'true');
          c.el.setAttribute('aria-describedby', [baseDescribedBy.get(c.el), r.error.id].filter(Boolean).join(' '));
          marked.push(c.el);
        }
        r.el.classList.add('form-invalid');
      }
      const first =
        [...marked].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0] ??
        null;
      if (first?.closest('details')) (first.closest('details') as HTMLDetailsElement).open = true;
      return first;
    },
    clearIssues() {
      for (const c of marked.splice(0)) {
        c.removeAttribute('aria-invalid');
        const base = baseDescribedBy.get(c);
        if (base) c.setAttribute('aria-describedby', base);
        else c.removeAttribute('aria-describedby');
      }
      for (const r of rendered.values()) {
        r.error.replaceChildren();
        r.el.classList.remove('form-invalid');
      }
    },
  };
}
