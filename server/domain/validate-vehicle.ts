/**
 * A vehicle: capacities are whole numbers, zero or more, with at least one place; wheelchair
 * places need a lift; its hours end after they start.
 */
import type { Vehicle } from '../contract/domain.ts';
import type { DomainContext } from './domain-context.ts';
import { at, error, intervalIssues, type DomainIssue } from './domain-issue.ts';

/** `context` is unused (a vehicle stands alone) but kept so every validateX reads the same. */
export function validateVehicle(vehicle: Vehicle, _context?: Partial<DomainContext>, path = ''): DomainIssue[] {
  const issues: DomainIssue[] = [];
  for (const dim of ['seats', 'wheelchairs'] as const) {
    const v = vehicle.capacity[dim];
    if (!Number.isInteger(v) || v < 0)
      issues.push(error(at(path, 'capacity', dim), `must be a whole number, zero or more, got ${v}`, v));
  }
  if (issues.length === 0 && vehicle.capacity.seats + vehicle.capacity.wheelchairs === 0) {
    issues.push(error(at(path, 'capacity'), 'a vehicle needs at least one seat or wheelchair place', vehicle.capacity));
  }
  if (vehicle.capacity.wheelchairs > 0 && !vehicle.features.lift) {
    issues.push(
      error(
        at(path, 'features', 'lift'),
        `${vehicle.capacity.wheelchairs} wheelchair places but no lift`,
        vehicle.features.lift,
      ),
    );
  }
  for (const [weekday, hours] of Object.entries(vehicle.hours)) {
    if (hours) issues.push(...intervalIssues(at(path, 'hours', weekday), hours.from, hours.to));
  }
  for (const field of ['costPerKm', 'costPerHour'] as const) {
    if (!(vehicle[field] >= 0))
      issues.push(error(at(path, field), `must be zero or more, got ${vehicle[field]}`, vehicle[field]));
  }
  return issues;
}
