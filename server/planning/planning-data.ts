/**
 * The inputs of week planning that several planning modules share: the domain records a week is
 * planned from, and a located place. Kept apart from plan-week.ts so the modules it calls do not
 * import it back.
 */
import type { Scenario } from '../contract/domain.ts';

export type PlanningData = Pick<
  Scenario,
  'services' | 'households' | 'passengers' | 'requests' | 'vehicles' | 'drivers'
>;

export interface PlacePoint {
  lat: number;
  lon: number;
  label: string;
}
