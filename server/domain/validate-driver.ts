/**
 * A driver: may drive only vehicles that exist; availability intervals end after they start;
 * the daily limit fits in the weekly one.
 */
import type { Driver } from '../contract/domain.ts';
import type { DomainContext } from './domain-context.ts';
import { at, error, intervalIssues, type DomainIssue } from './domain-issue.ts';

export function validateDriver(driver: Driver, context: Pick<DomainContext, 'vehicles'>, path = ''): DomainIssue[] {
  const issues: DomainIssue[] = [];
  driver.vehicleIds.forEach((id, i) => {
    if (!context.vehicles.has(id)) issues.push(error(at(path, 'vehicleIds', i), `unknown vehicle "${id}"`, id));
  });
  for (const [weekday, hours] of Object.entries(driver.availability)) {
    if (hours) issues.push(...intervalIssues(at(path, 'availability', weekday), hours.from, hours.to));
  }
  if (driver.maxHoursPerDay > driver.maxHoursPerWeek) {
    issues.push(
      error(
        at(path, 'maxHoursPerDay'),
        `${driver.maxHoursPerDay} h a day is more than the ${driver.maxHoursPerWeek} h allowed a week`,
        driver.maxHoursPerDay,
      ),
    );
  }
  return issues;
}
