/**
 * Action A serves residents of the 16 comuni only: a home outside them is not eligible.
 * `homeIssue` reports it (for whole-scenario validation); `assertEligibleHome` throws it
 * (for an API write) and otherwise returns the place with its ISTAT code filled in.
 */
import type { Place } from '../contract/domain.ts';
import { AppError, type FieldIssue } from '../errors/app-error.ts';
import { locate } from './locate.ts';

function outsideIssue(place: Pick<Place, 'lat' | 'lon' | 'label'>, path: string): FieldIssue {
  return {
    path,
    message: `home "${place.label}" at lat ${place.lat}, lon ${place.lon} is outside the 16 municipalities of the Ambiti di Castellanza and Somma Lombardo: not eligible for Action A`,
    value: { lat: place.lat, lon: place.lon },
  };
}

/** The problem with a home, or null when it lies inside one of the 16 comuni. */
export function homeIssue(place: Pick<Place, 'lat' | 'lon' | 'label'>, path: string): FieldIssue | null {
  return locate(place.lon, place.lat) ? null : outsideIssue(place, path);
}

export function assertEligibleHome(place: Place, path: string): Place & { istatCode: string } {
  const municipality = locate(place.lon, place.lat);
  if (!municipality) {
    const issue = outsideIssue(place, path);
    throw new AppError('REQUEST_INVALID', `${path}: ${issue.message}`, [issue]);
  }
  return { ...place, istatCode: municipality.istatCode };
}
