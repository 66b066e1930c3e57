/**
 * Objective weights for the real problem, in euro cents (see docs/planning.md). Strictly
 * ordered in practice: serving a trip (10,000 €) outweighs any number of vans; a van run
 * (150 €) outweighs the driving it saves on a day; driving cost (vehicle €/h and €/km × 100)
 * comes before passengers' comfort; continuity and stability sit between driving and comfort.
 */
import type { ObjectiveWeights } from '../../solver/index.ts';

export const PLANNING_WEIGHTS: ObjectiveWeights = {
  unservedPenalty: 1_000_000,
  vehicleCost: 15_000,
  travel: 100,
  excessRidePerS: 0.2,
  waitAboardPerS: 0.5,
  vehicleChangePenalty: 10_000,
  timeDeviationPerS: 3,
};
