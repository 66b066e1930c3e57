/**
 * A standing request against the rest of the scenario: its passenger and service exist, the
 * service is open on every weekday asked for, validity and promised windows are well formed.
 * Windows that cannot hold (work hours vs service hours) are warnings: the request is kept and
 * each such trip is reported as unserved with its reason and fix — never silently dropped.
 */
import { DIRECTIONS, type StandingRequest } from '../contract/domain.ts';
import { homeIssue } from '../geo/eligible-home.ts';
import type { DomainContext } from './domain-context.ts';
import { at, error, intervalIssues, warning, type DomainIssue } from './domain-issue.ts';
import { requestWindows } from './request-windows.ts';

export function validateRequest(request: StandingRequest, context: DomainContext, path = ''): DomainIssue[] {
  const issues: DomainIssue[] = [];
  if (request.validTo < request.validFrom) {
    issues.push(
      error(at(path, 'validTo'), `${request.validTo} is before validFrom ${request.validFrom}`, request.validTo),
    );
  }
  if (!request.outbound && !request.return)
    issues.push(error(at(path, 'outbound'), 'a request needs an outbound or a return trip', false));
  for (const [weekday, promise] of Object.entries(request.promised ?? {})) {
    for (const end of ['pickup', 'dropoff'] as const) {
      const w = promise?.[end];
      if (w) issues.push(...intervalIssues(at(path, 'promised', weekday, end), w.from, w.to));
    }
  }
  const service = context.services.get(request.serviceId);
  if (!service) issues.push(error(at(path, 'serviceId'), `unknown service "${request.serviceId}"`, request.serviceId));
  if (!context.passengers.has(request.passengerId))
    issues.push(error(at(path, 'passengerId'), `unknown passenger "${request.passengerId}"`, request.passengerId));
  if (service) {
    request.weekdays.forEach((weekday, i) => {
      if (!service.hours[weekday])
        issues.push(error(at(path, 'weekdays', i), `${service.name} (${service.id}) is closed on ${weekday}`, weekday));
    });
  }
  (request.chain ?? []).forEach((c, i) => {
    const next = context.services.get(c.serviceId);
    if (!next) issues.push(error(at(path, 'chain', i, 'serviceId'), `unknown service "${c.serviceId}"`, c.serviceId));
  });
  (request.otherAddresses ?? []).forEach((a, i) => {
    const home = homeIssue(a.place, at(path, 'otherAddresses', i, 'place'));
    if (home) issues.push(error(home.path, home.message, home.value));
  });
  if (issues.some((i) => i.severity === 'error')) return issues;

  // a chain whose services' hours cannot connect is refused: the family must choose another pair
  for (const weekday of request.weekdays) {
    const day = requestWindows(request, weekday, context);
    if ('missing' in day) break;
    for (const leg of day.legs) {
      if (!leg.result.feasible)
        issues.push(
          error(
            at(path, 'chain', leg.index - 1, 'serviceId'),
            `${leg.from.name} → ${leg.to.name} cannot connect on ${weekday}: ${leg.result.message} Fix: ${leg.result.fix}`,
            leg.to.id,
          ),
        );
    }
  }
  if (issues.some((i) => i.severity === 'error')) return issues;

  request.weekdays.forEach((weekday, i) => {
    const day = requestWindows(request, weekday, context);
    if ('missing' in day) {
      for (const m of day.missing)
        issues.push(
          error(
            at(path, 'passengerId'),
            `passenger "${request.passengerId}" belongs to unknown household "${m.id}"`,
            m.id,
          ),
        );
      return;
    }
    for (const direction of DIRECTIONS) {
      const trip = day.windows[direction];
      if (trip && !trip.feasible) {
        issues.push(
          warning(
            at(path, 'weekdays', i),
            `the ${direction} trip on ${weekday} cannot hold (${trip.reason}): ${trip.message} Fix: ${trip.fix}`,
            weekday,
          ),
        );
      }
    }
  });
  return issues;
}
