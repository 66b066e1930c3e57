/** The domain module's public face: calendar helpers, validation, parsing at the edge, week expansion. */
export { addDays, fromIsoRome, isoWeekDates, isoWeekOf, romeOffsetMin, toIsoRome, weekdayOf } from './calendar.ts';
export { domainContext, type DirectTime, type DomainContext } from './domain-context.ts';
export type { DomainIssue } from './domain-issue.ts';
export {
  expandWeek,
  type CancelledTrip,
  type ExpandedTrip,
  type ExpandedWeek,
  type UnservableTrip,
} from './expand-week.ts';
export { parseScenario, zodFieldIssues } from './parse-scenario.ts';
export { validateDriver } from './validate-driver.ts';
export { validateHousehold } from './validate-household.ts';
export { validatePassenger } from './validate-passenger.ts';
export { validateRequest } from './validate-request.ts';
export { validateScenario } from './validate-scenario.ts';
export { validateService } from './validate-service.ts';
export { validateVehicle } from './validate-vehicle.ts';
