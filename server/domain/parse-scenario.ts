/**
 * The edge where a scenario (a file, an import, an API body) enters: zod checks the shape,
 * validateScenario the cross-entity rules. Any error rejects the whole input with REQUEST_INVALID
 * and every problem named by field path and value; warnings come back with the scenario.
 */
import type { z } from 'zod';
import { ScenarioSchema, type Scenario } from '../contract/domain.ts';
import { AppError, type FieldIssue } from '../errors/app-error.ts';
import type { DomainIssue } from './domain-issue.ts';
import { validateScenario } from './validate-scenario.ts';

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** zod's issues as FieldIssues: dotted path, message and the offending value. */
export function zodFieldIssues(err: z.ZodError, input: unknown): FieldIssue[] {
  return err.issues.map((issue) => {
    const value = valueAt(input, issue.path);
    const shown = value === undefined ? 'missing' : JSON.stringify(value);
    return {
      path: issue.path.map(String).join('.'),
      message: `${issue.message} (got ${shown && shown.length > 80 ? `${shown.slice(0, 77)}...` : shown})`,
      value,
    };
  });
}

function rejected(details: FieldIssue[]): AppError {
  const first = details[0];
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return new AppError('REQUEST_INVALID', `${first.path}: ${first.message}${more}`, details);
}

export function parseScenario(input: unknown): { scenario: Scenario; warnings: DomainIssue[] } {
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) throw rejected(zodFieldIssues(parsed.error, input));
  const issues = validateScenario(parsed.data);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw rejected(errors.map(({ path, message, value }) => ({ path, message, value })));
  return { scenario: parsed.data, warnings: issues };
}
