/**
 * What validation reports: a FieldIssue (path, message, value) with a severity.
 * `error` = the input is rejected; `warning` = accepted, but something will not happen as asked
 * (e.g. a request whose windows cannot hold: it is reported as unserved, never dropped).
 */
import type { FieldIssue } from '../errors/app-error.ts';
import { toSeconds } from '../windows/time-of-day.ts';

export interface DomainIssue extends FieldIssue {
  severity: 'error' | 'warning';
}

export const at = (prefix: string, ...parts: Array<string | number>): string =>
  [prefix, ...parts.map(String)].filter((p) => p !== '').join('.');

export const error = (path: string, message: string, value?: unknown): DomainIssue => ({
  path,
  message,
  value,
  severity: 'error',
});
export const warning = (path: string, message: string, value?: unknown): DomainIssue => ({
  path,
  message,
  value,
  severity: 'warning',
});

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A from–to interval of one day that is well formed and ends after it starts. */
export function intervalIssues(
  path: string,
  from: string,
  to: string,
  names: [string, string] = ['from', 'to'],
): DomainIssue[] {
  const bad = [
    [names[0], from],
    [names[1], to],
  ].filter(([, v]) => !HH_MM.test(v));
  if (bad.length > 0)
    return bad.map(([name, v]) => error(at(path, name), `expected a time of day as HH:MM, got "${v}"`, v));
  if (toSeconds(to) <= toSeconds(from)) {
    return [
      error(at(path, names[1]), `ends at ${to}, before (or when) it starts at ${from}`, {
        [names[0]]: from,
        [names[1]]: to,
      }),
    ];
  }
  return [];
}
