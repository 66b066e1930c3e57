import { describe, expect, it } from 'vitest';
import { MunicipalityBoundariesSchema } from '../contract/domain.ts';
import { AppError } from '../errors/app-error.ts';
import { assertEligibleHome, homeIssue, loadMunicipalities, locate, municipalityBoundaries } from './index.ts';

describe('the 16 municipalities of Action A', () => {
  it('are the 7 comuni of Ambito di Castellanza and the 9 of Ambito di Somma Lombardo with ISTAT 2021 population', () => {
    const all = loadMunicipalities();
    expect(all).toHaveLength(16);
    expect(all.filter((m) => m.ambito === 'Castellanza')).toHaveLength(7);
    expect(all.filter((m) => m.ambito === 'Somma Lombardo')).toHaveLength(9);
    expect(all.reduce((sum, m) => sum + m.population, 0)).toBe(134_563);
    expect(new Set(all.map((m) => m.istatCode)).size).toBe(16);
  });

  it('each town centre lies inside its own comune', () => {
    for (const m of loadMunicipalities()) expect(locate(m.centre.lon, m.centre.lat)?.name).toBe(m.name);
  });

  it('places in neighbouring towns (Gallarate, Busto Arsizio, Varese) belong to none of them', () => {
    expect(locate(8.7916, 45.6603)).toBeNull(); // Gallarate, piazza Libertà
    expect(locate(8.8497, 45.6117)).toBeNull(); // Busto Arsizio centre
    expect(locate(8.8251, 45.8206)).toBeNull(); // Varese
    expect(locate(Number.NaN, 45.6)).toBeNull();
  });

  it('the map gets 16 polygons with names, ambito and the ISTAT/Openpolis attribution', () => {
    const fc = municipalityBoundaries();
    expect(fc.features).toHaveLength(16);
    expect(fc.attribution).toMatch(/ISTAT.*Openpolis/);
    expect(fc.features[0].properties).toEqual({
      istatCode: '012042',
      name: 'Castellanza',
      ambito: 'Castellanza',
      population: 14317,
    });
    expect(fc.features.every((f) => f.geometry.type === 'Polygon' && f.geometry.coordinates[0].length > 20)).toBe(true);
    // what the web parses with the shared contract
    expect(MunicipalityBoundariesSchema.parse(JSON.parse(JSON.stringify(fc))).features).toHaveLength(16);
  });
});

describe('a home must be inside the 16 comuni', () => {
  it('a home in Castellanza is eligible and gets its ISTAT code', () => {
    const home = assertEligibleHome(
      { lat: 45.6124, lon: 8.897, label: 'Via Demo 1, Castellanza' },
      'households.0.home',
    );
    expect(home.istatCode).toBe('012042');
  });

  it('a home in Gallarate is rejected naming the field, the coordinates and why', () => {
    const place = { lat: 45.6603, lon: 8.7916, label: 'Via Demo 2, Gallarate' };
    let caught: unknown;
    try {
      assertEligibleHome(place, 'households.3.home');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe('REQUEST_INVALID');
    expect(err.message).toMatch(/^households\.3\.home: .*45\.6603.*8\.7916.*not eligible for Action A/);
    expect(err.details).toEqual([
      {
        path: 'households.3.home',
        message: expect.stringContaining('outside the 16 municipalities'),
        value: { lat: 45.6603, lon: 8.7916 },
      },
    ]);
    expect(homeIssue(place, 'x')).not.toBeNull();
  });
});
