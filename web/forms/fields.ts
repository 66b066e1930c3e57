/**
 * Field descriptors: a record form is described as a list of small objects (which path of the
 * record, what kind of control, which label) instead of being written by hand per entity.
 * draft.ts converts a record to the form's values and back, render.ts builds the controls.
 */
import type { Weekday } from '../../server/contract/domain.ts';
import type { Entity } from '../api/client.ts';
import type { MessageKey } from '../i18n/i18n.ts';

export { WEEKDAYS } from '../state/time.ts';
export type { Weekday };

/** One column of a per-weekday grid or of a list of rows; `key` is a path inside the cell's object ("open.from"). */
export interface Column {
  key: string;
  label: MessageKey;
  kind?: 'text' | 'time';
}

interface Base {
  path: string;
  label: MessageKey;
  hint?: MessageKey;
}

export type Field =
  | (Base & { kind: 'text'; multiline?: boolean; maxLength?: number; optional?: boolean; createOnly?: boolean })
  | (Base & { kind: 'number'; min?: number; max?: number; step?: number; optional?: boolean })
  | (Base & { kind: 'select'; options: readonly string[]; optionLabel: (value: string) => MessageKey })
  | (Base & { kind: 'ref'; entity: Entity })
  | (Base & { kind: 'refs'; entity: Entity })
  | (Base & { kind: 'checkbox' })
  | (Base & { kind: 'date' })
  | (Base & { kind: 'time' })
  | (Base & { kind: 'dates' })
  | (Base & { kind: 'weekdays' })
  | (Base & { kind: 'place'; optional?: boolean; inheritLabel?: MessageKey })
  | (Base & { kind: 'grid'; columns: Column[] })
  | (Base & { kind: 'rows'; columns: Column[] })
  | (Base & { kind: 'json' });

export interface PlaceDraft {
  label: string;
  lat: string;
  lon: string;
  inherit: boolean;
}
export type GridDraft = Record<Weekday, Record<string, string>>;
export type DraftValue = string | boolean | string[] | Record<string, string>[] | GridDraft | PlaceDraft;
/** What the form shows: one value per field path, as the controls hold it (strings, booleans, lists). */
export type Draft = Record<string, DraftValue>;

/** A problem with one field, found before sending (a number that is not a number, broken JSON). */
export interface ClientIssue {
  path: string;
  key: MessageKey;
}

type Obj = Record<string, unknown>;

export function getPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Obj)[key];
  }
  return v;
}

/** Sets `value` at a dotted path, creating the objects on the way; `undefined` removes the key. */
export function setPath(obj: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = obj;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) target[key] = {};
    target = target[key] as Obj;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** The entities a form needs listed to fill its reference selects. */
export function referencedEntities(fields: readonly Field[]): Entity[] {
  return [...new Set(fields.flatMap((f) => (f.kind === 'ref' || f.kind === 'refs' ? [f.entity] : [])))];
}
