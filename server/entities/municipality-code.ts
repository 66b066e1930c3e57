/**
 * "Castellanza", "castellanza" or "012042" → "012042": what the `municipality` filter accepts.
 */
import { loadMunicipalities } from '../geo/index.ts';

export function istatCodeOf(nameOrCode: string): string | undefined {
  const key = nameOrCode.trim().toLowerCase();
  return loadMunicipalities().find((m) => m.istatCode === key || m.name.toLowerCase() === key)?.istatCode;
}
