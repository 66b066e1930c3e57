/**
 * What a single entity is validated against: the other entities of the scenario by id, the
 * direct-time function (an estimate unless the planner passes its travel-time matrix) and the
 * window rules' configuration.
 */
import type { Household, Passenger, Place, Scenario, Service, Vehicle } from '../contract/domain.ts';
import { estimateDirectS } from '../windows/estimate-direct.ts';
import { DEFAULT_WINDOW_CONFIG, type WindowConfig } from '../windows/work-hours-to-windows.ts';

export type DirectTime = (from: Place, to: Place) => number;

export interface DomainContext {
  services: ReadonlyMap<string, Service>;
  households: ReadonlyMap<string, Household>;
  passengers: ReadonlyMap<string, Passenger>;
  vehicles: ReadonlyMap<string, Vehicle>;
  directS: DirectTime;
  windowConfig: WindowConfig;
}

export type DomainEntities = Pick<Scenario, 'services' | 'households' | 'passengers'> &
  Partial<Pick<Scenario, 'vehicles'>>;

const byId = <T extends { id: string }>(items: readonly T[] = []): Map<string, T> =>
  new Map(items.map((i) => [i.id, i]));

export function domainContext(
  entities: DomainEntities,
  options: { directS?: DirectTime; windowConfig?: WindowConfig } = {},
): DomainContext {
  return {
    services: byId(entities.services),
    households: byId(entities.households),
    passengers: byId(entities.passengers),
    vehicles: byId(entities.vehicles),
    directS: options.directS ?? estimateDirectS,
    windowConfig: options.windowConfig ?? DEFAULT_WINDOW_CONFIG,
  };
}
