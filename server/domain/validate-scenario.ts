/**
 * A whole scenario, every entity against the others: ids unique per kind, references known,
 * homes eligible, services open when asked, intervals that end after they start, and the
 * requests whose windows cannot hold (warnings). Errors reject the input; warnings are kept
 * and reported. Run it after ScenarioSchema has parsed the input (see parse-scenario.ts).
 */
import type { Scenario } from '../contract/domain.ts';
import { isoWeekDates } from './calendar.ts';
import { domainContext, type DirectTime } from './domain-context.ts';
import { error, type DomainIssue } from './domain-issue.ts';
import { validateDriver } from './validate-driver.ts';
import { validateHousehold } from './validate-household.ts';
import { validatePassenger } from './validate-passenger.ts';
import { validateRequest } from './validate-request.ts';
import { validateService } from './validate-service.ts';
import { validateVehicle } from './validate-vehicle.ts';
import type { WindowConfig } from '../windows/work-hours-to-windows.ts';

function duplicateIds(kind: string, items: ReadonlyArray<{ id: string }>): DomainIssue[] {
  const firstAt = new Map<string, number>();
  const issues: DomainIssue[] = [];
  items.forEach((item, i) => {
    const first = firstAt.get(item.id);
    if (first === undefined) firstAt.set(item.id, i);
    else issues.push(error(`${kind}.${i}.id`, `duplicate id "${item.id}" (also ${kind}.${first}.id)`, item.id));
  });
  return issues;
}

export function validateScenario(
  scenario: Scenario,
  options: { directS?: DirectTime; windowConfig?: WindowConfig } = {},
): DomainIssue[] {
  const context = domainContext(scenario, options);
  const issues: DomainIssue[] = [];
  try {
    isoWeekDates(scenario.week);
  } catch (e) {
    issues.push(error('week', (e as Error).message, scenario.week));
  }
  for (const kind of ['services', 'households', 'passengers', 'requests', 'vehicles', 'drivers'] as const) {
    issues.push(...duplicateIds(kind, scenario[kind]));
  }
  scenario.services.forEach((s, i) => issues.push(...validateService(s, context, `services.${i}`)));
  scenario.households.forEach((h, i) => issues.push(...validateHousehold(h, context, `households.${i}`)));
  scenario.passengers.forEach((p, i) => issues.push(...validatePassenger(p, context, `passengers.${i}`)));
  scenario.requests.forEach((r, i) => issues.push(...validateRequest(r, context, `requests.${i}`)));
  scenario.vehicles.forEach((v, i) => issues.push(...validateVehicle(v, context, `vehicles.${i}`)));
  scenario.drivers.forEach((d, i) => issues.push(...validateDriver(d, context, `drivers.${i}`)));
  return issues;
}
