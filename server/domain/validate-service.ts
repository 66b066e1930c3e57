/**
 * A service (destination): on each weekday it is open, its opening and activity intervals end
 * after they start and the activity lies within the opening hours.
 */
import type { Service } from '../contract/domain.ts';
import { toSeconds } from '../windows/time-of-day.ts';
import type { DomainContext } from './domain-context.ts';
import { at, error, intervalIssues, type DomainIssue } from './domain-issue.ts';

/** `context` is unused (a service stands alone) but kept so every validateX reads the same. */
export function validateService(service: Service, _context?: Partial<DomainContext>, path = ''): DomainIssue[] {
  const issues: DomainIssue[] = [];
  for (const [weekday, hours] of Object.entries(service.hours)) {
    if (!hours) continue;
    const dayPath = at(path, 'hours', weekday);
    const own = [
      ...intervalIssues(at(dayPath, 'open'), hours.open.from, hours.open.to),
      ...intervalIssues(at(dayPath, 'activity'), hours.activity.from, hours.activity.to),
    ];
    issues.push(...own);
    if (own.length > 0) continue;
    if (
      toSeconds(hours.activity.from) < toSeconds(hours.open.from) ||
      toSeconds(hours.activity.to) > toSeconds(hours.open.to)
    ) {
      issues.push(
        error(
          at(dayPath, 'activity'),
          `the activity ${hours.activity.from}–${hours.activity.to} is not within the opening hours ${hours.open.from}–${hours.open.to}`,
          hours.activity,
        ),
      );
    }
  }
  return issues;
}
