/**
 * A household: its home must be in one of the 16 comuni (Action A's eligibility rule) and on
 * each weekday the adult must come back after leaving.
 */
import type { Household } from '../contract/domain.ts';
import { homeIssue } from '../geo/eligible-home.ts';
import type { DomainContext } from './domain-context.ts';
import { at, error, intervalIssues, type DomainIssue } from './domain-issue.ts';

/** `context` is unused (a household stands alone) but kept so every validateX reads the same. */
export function validateHousehold(household: Household, _context?: Partial<DomainContext>, path = ''): DomainIssue[] {
  const issues: DomainIssue[] = [];
  const home = homeIssue(household.home, at(path, 'home'));
  if (home) issues.push(error(home.path, home.message, home.value));
  for (const [weekday, hours] of Object.entries(household.workHours)) {
    if (hours)
      issues.push(...intervalIssues(at(path, 'workHours', weekday), hours.leaves, hours.back, ['leaves', 'back']));
  }
  return issues;
}
