/** The geo module's public face: the 16 comuni, point-in-polygon, home eligibility, map boundaries. */
export { loadMunicipalities, type MunicipalityArea } from './municipalities.ts';
export { locate } from './locate.ts';
export { assertEligibleHome, homeIssue } from './eligible-home.ts';
export { municipalityBoundaries, BOUNDARIES_ATTRIBUTION } from './boundaries.ts';
