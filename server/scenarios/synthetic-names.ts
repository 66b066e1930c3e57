/**
 * Clearly synthetic display names: a common Italian first name, an initial and "(demo)".
 * No surnames, no phone numbers: nothing that could be mistaken for a real person.
 */
import type { Rng } from './prng.ts';

const FIRST_NAMES = [
  'Giulia',
  'Sofia',
  'Aurora',
  'Alice',
  'Ginevra',
  'Emma',
  'Giorgia',
  'Beatrice',
  'Anna',
  'Vittoria',
  'Chiara',
  'Martina',
  'Elena',
  'Sara',
  'Francesca',
  'Maria',
  'Rosa',
  'Carla',
  'Luisa',
  'Teresa',
  'Leonardo',
  'Francesco',
  'Alessandro',
  'Lorenzo',
  'Mattia',
  'Andrea',
  'Gabriele',
  'Riccardo',
  'Tommaso',
  'Edoardo',
  'Marco',
  'Luca',
  'Matteo',
  'Davide',
  'Paolo',
  'Giovanni',
  'Giuseppe',
  'Antonio',
  'Franco',
  'Luigi',
];
const INITIALS = 'ABCDEFGILMNOPRSTVZ';

export function syntheticPersonName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick([...INITIALS])}. (demo)`;
}
