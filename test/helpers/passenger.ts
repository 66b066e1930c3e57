/**
 * A passenger for a test, so a test names only what its story is about: by default a synthetic
 * child "Luca" of household "h" who walks, needs no escort, takes 2 minutes to board and to
 * alight and has no notes for the driver.
 */
import type { Passenger } from '../../server/contract/domain.ts';

export const aPassenger = (over: Partial<Passenger> = {}): Passenger => ({
  id: 'p',
  name: 'Luca',
  householdId: 'h',
  ageGroup: 'child',
  mobility: 'walks',
  needsEscort: false,
  boardingMin: 2,
  alightingMin: 2,
  notesForDriver: '',
  synthetic: true,
  ...over,
});
