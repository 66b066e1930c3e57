/**
 * Places are identified by their coordinates rounded to 5 decimals (about 1 m), longitude
 * first: the planner's places of a week, the places of a stored plan's day, the routing
 * matrix cache and the way duplicate places (two children from the same home) are asked once.
 */
export const PLACE_KEY_DECIMALS = 5;

/** `lon,lat` rounded to 5 decimals, e.g. "8.89612,45.61234". */
export const placeKey = (p: { lon: number; lat: number }): string =>
  `${p.lon.toFixed(PLACE_KEY_DECIMALS)},${p.lat.toFixed(PLACE_KEY_DECIMALS)}`;
