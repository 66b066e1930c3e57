/**
 * A passenger: belongs to a known household; a home of their own (when set) must be eligible;
 * boarding and alighting take zero or more minutes.
 */
import type { Passenger } from '../contract/domain.ts';
import { homeIssue } from '../geo/eligible-home.ts';
import type { DomainContext } from './domain-context.ts';
import { at, error, type DomainIssue } from './domain-issue.ts';

export function validatePassenger(
  passenger: Passenger,
  context: Pick<DomainContext, 'households'>,
  path = '',
): DomainIssue[] {
  const issues: DomainIssue[] = [];
  if (!context.households.has(passenger.householdId)) {
    issues.push(error(at(path, 'householdId'), `unknown household "${passenger.householdId}"`, passenger.householdId));
  }
  if (passenger.home) {
    const home = homeIssue(passenger.home, at(path, 'home'));
    if (home) issues.push(error(home.path, home.message, home.value));
  }
  for (const field of ['boardingMin', 'alightingMin'] as const) {
    const v = passenger[field];
    if (!(v >= 0)) issues.push(error(at(path, field), `must be zero or more minutes, got ${v}`, v));
  }
  return issues;
}
