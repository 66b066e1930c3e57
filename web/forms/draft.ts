/**
 * A record ⇄ the values its form shows. `toDraft` turns a record into strings, booleans and
 * lists the controls can hold; `fromDraft` builds the record back over the original one, so
 * fields the form does not show (synthetic, an ISTAT code the server fills) pass through.
 * Pure functions: the round trip is unit-tested without a DOM.
 */
import {
  WEEKDAYS,
  getPath,
  setPath,
  type ClientIssue,
  type Draft,
  type DraftValue,
  type Field,
  type GridDraft,
  type PlaceDraft,
} from './fields.ts';

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

/** "0,5" and "0.5" are both a half: an Italian keyboard types a comma. NaN when not a number. */
export function parseNumber(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number.NaN : Number(t);
}

function draftOf(field: Field, record: unknown): DraftValue {
  const v = getPath(record, field.path);
  switch (field.kind) {
    case 'checkbox':
      return v === true;
    case 'dates':
    case 'weekdays':
    case 'refs':
      return strings(v);
    case 'rows':
      return (Array.isArray(v) ? v : []).map((row) =>
        Object.fromEntries(field.columns.map((c) => [c.key, str(getPath(row, c.key))])),
      );
    case 'grid': {
      const grid = {} as GridDraft;
      for (const day of WEEKDAYS)
        grid[day] = Object.fromEntries(field.columns.map((c) => [c.key, str(getPath(getPath(v, day), c.key))]));
      return grid;
    }
    case 'place': {
      const p = v as { label?: unknown; lat?: unknown; lon?: unknown } | undefined;
      return {
        label: str(p?.label),
        lat: str(p?.lat),
        lon: str(p?.lon),
        inherit: p === undefined,
      } satisfies PlaceDraft;
    }
    case 'json':
      return v === undefined ? '' : JSON.stringify(v, null, 2);
    default:
      return str(v);
  }
}

export function toDraft(fields: readonly Field[], record: unknown): Draft {
  return Object.fromEntries(fields.map((f) => [f.path, draftOf(f, record)]));
}

/** A number field: empty is "not given" (the server applies its default or says it is needed). */
function numberValue(text: string, path: string, issues: ClientIssue[]): number | undefined {
  if (text.trim() === '') return undefined;
  const n = parseNumber(text);
  if (Number.isNaN(n)) {
    issues.push({ path, key: 'form.error.number' });
    return undefined;
  }
  return n;
}

function fieldValue(field: Field, draft: DraftValue | undefined, before: unknown, issues: ClientIssue[]): unknown {
  switch (field.kind) {
    case 'checkbox':
      return draft === true;
    case 'dates':
      return strings(draft).filter((d) => d !== '');
    case 'weekdays': {
      const chosen = new Set(strings(draft));
      return WEEKDAYS.filter((d) => chosen.has(d));
    }
    case 'refs':
      return strings(draft).filter((id) => id !== '');
    case 'rows':
      return ((draft ?? []) as Record<string, string>[])
        .filter((row) => field.columns.some((c) => (row[c.key] ?? '').trim() !== ''))
        .map((row) => {
          const out: Record<string, unknown> = {};
          for (const c of field.columns) setPath(out, c.key, (row[c.key] ?? '').trim());
          return out;
        });
    case 'grid': {
      const out: Record<string, unknown> = {};
      const grid = (draft ?? {}) as Partial<GridDraft>;
      for (const day of WEEKDAYS) {
        const cells = grid[day] ?? {};
        if (!field.columns.some((c) => (cells[c.key] ?? '') !== '')) continue;
        const dayValue: Record<string, unknown> = {};
        for (const c of field.columns) if ((cells[c.key] ?? '') !== '') setPath(dayValue, c.key, cells[c.key]);
        out[day] = dayValue;
      }
      return out;
    }
    case 'place': {
      const p = (draft ?? { label: '', lat: '', lon: '', inherit: false }) as PlaceDraft;
      if (field.optional && p.inherit) return undefined;
      const lat = numberValue(p.lat, `${field.path}.lat`, issues);
      const lon = numberValue(p.lon, `${field.path}.lon`, issues);
      const place: Record<string, unknown> = { lat, lon, label: p.label.trim() };
      // The ISTAT code is the server's (point in polygon): kept only while the point is unchanged.
      const old = before as { lat?: unknown; lon?: unknown; istatCode?: unknown } | undefined;
      if (old?.istatCode !== undefined && old.lat === lat && old.lon === lon) place.istatCode = old.istatCode;
      return place;
    }
    case 'json': {
      const text = str(draft).trim();
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        issues.push({ path: field.path, key: 'form.error.json' });
        return before;
      }
    }
    case 'number':
      return numberValue(str(draft), field.path, issues);
    case 'text': {
      const text = str(draft).trim();
      return text === '' && field.optional ? undefined : text;
    }
    default: {
      const text = str(draft);
      return text === '' ? undefined : text;
    }
  }
}

/**
 * The record the form describes, built over `base` (the record being edited, or the blank one
 * of a new record), and what could not be read. With issues, nothing should be sent.
 */
export function fromDraft(
  fields: readonly Field[],
  draft: Draft,
  base: unknown = {},
): { value: Record<string, unknown>; issues: ClientIssue[] } {
  const value = JSON.parse(JSON.stringify(base ?? {})) as Record<string, unknown>;
  const issues: ClientIssue[] = [];
  for (const field of fields)
    setPath(value, field.path, fieldValue(field, draft[field.path], getPath(base, field.path), issues));
  return { value, issues };
}
