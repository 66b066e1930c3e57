/**
 * Where a refused value goes on the form, and what to tell the coordinator about it.
 * The server names the field by a dotted path of the body ("capacity.seats", "hours.mon.open.to",
 * "weekdays.2") and gives an English reason; `locateIssue` finds the field and the control(s)
 * to mark, `explainIssue` turns the known reasons into a sentence of the catalogue (the server's
 * own text stays visible beside it). Pure functions, unit-tested.
 */
import type { MessageKey } from '../i18n/i18n.ts';
import { getPath, type Field } from './fields.ts';

export interface IssueTarget {
  /** Path of the field (descriptor) the issue belongs to. */
  field: string;
  /** Controls of that field to mark invalid, in the order they appear. */
  controls: string[];
}

/**
 * `controlsOf(field)` lists the control paths the form has for a field ("home.lat", "weekdays.mon",
 * "hours.mon.open.from", "adults.0.name"); `sent` is the body that was sent, to turn a list index
 * of weekdays or ids ("weekdays.2") into the control of that value ("weekdays.wed").
 */
export function locateIssue(
  fields: readonly Field[],
  issuePath: string,
  sent: unknown,
  controlsOf: (field: Field) => string[],
): IssueTarget | null {
  const owner = fields
    .filter((f) => issuePath === f.path || issuePath.startsWith(`${f.path}.`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!owner) return null;
  let path = issuePath;
  if (owner.kind === 'weekdays' || owner.kind === 'refs') {
    const index = issuePath.slice(owner.path.length + 1);
    const item = /^\d+$/.test(index) ? getPath(sent, `${owner.path}.${index}`) : undefined;
    if (typeof item === 'string') path = `${owner.path}.${item}`;
  }
  const controls = controlsOf(owner);
  if (controls.includes(path)) return { field: owner.path, controls: [path] };
  const enclosing = controls.filter((c) => path.startsWith(`${c}.`)).sort((a, b) => b.length - a.length)[0];
  if (enclosing) return { field: owner.path, controls: [enclosing] };
  const inside = controls.filter((c) => c.startsWith(`${path}.`));
  if (inside.length > 0) return { field: owner.path, controls: inside };
  return { field: owner.path, controls: controls.slice(0, 1) };
}

export interface Explained {
  key: MessageKey;
  params: Record<string, string>;
}

const RULES: [RegExp, MessageKey, string[]][] = [
  [/outside the 16 municipalities/, 'form.error.outside', []],
  [/^no (\w+) with id "([^"]*)"/, 'form.error.unknownRef', ['', 'id']],
  [/is closed on (\w+)/, 'form.error.serviceClosed', ['day']],
  [/already exists/, 'form.error.exists', []],
  [/a time of day as HH:MM/, 'form.error.time', []],
  [/a date as YYYY-MM-DD/, 'form.error.date', []],
  [/the interval ends before it starts/, 'form.error.intervalOrder', []],
  [/validTo is before validFrom/, 'form.error.validTo', []],
  [/needs an outbound or a return trip/, 'form.error.noTrip', []],
  [/letters, digits, _ \. : - only/, 'form.error.id', []],
  [/expected number to be >=?\s*(-?[\d.]+)/, 'form.error.min', ['min']],
  [/expected number to be <=?\s*(-?[\d.]+)/, 'form.error.max', ['max']],
  [/expected int/, 'form.error.integer', []],
  [/expected string to have >=1 characters/, 'form.error.required', []],
  [/expected string to have <=(\d+) characters/, 'form.error.maxLength', ['max']],
  [/expected array to have >=1 items/, 'form.error.atLeastOne', []],
  [/received undefined/, 'form.error.required', []],
  [/expected number, received/, 'form.error.number', []],
  [/Invalid option/, 'form.error.option', []],
];

/** The catalogue sentence for a server reason, or null when the reason is not one we know. */
export function explainIssue(message: string): Explained | null {
  for (const [pattern, key, names] of RULES) {
    const m = pattern.exec(message);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      if (name) params[name] = m[i + 1] ?? '';
    });
    return { key, params };
  }
  return null;
}
