import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from '../contract/domain.ts';
import { AppError } from '../errors/app-error.ts';
import { domainContext } from './domain-context.ts';
import { parseScenario } from './parse-scenario.ts';
import { validateHousehold } from './validate-household.ts';
import { validateRequest } from './validate-request.ts';
import { validateScenario } from './validate-scenario.ts';
import { validateVehicle } from './validate-vehicle.ts';

const raw = JSON.parse(readFileSync(new URL('../../fixtures/scenarios/tiny-week.json', import.meta.url), 'utf8'));
const tiny = (): Scenario => ScenarioSchema.parse(structuredClone(raw));
const errors = (s: Scenario) => validateScenario(s).filter((i) => i.severity === 'error');

describe('validating a scenario entity against the others', () => {
  it('the tiny week has no errors, and the CDD return that nobody can receive is reported on each of its 3 days', () => {
    const issues = validateScenario(tiny());
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.map((i) => i.path)).toEqual([
      'requests.1.weekdays.0',
      'requests.1.weekdays.1',
      'requests.1.weekdays.2',
    ]);
    expect(issues[0].message).toMatch(
      /return trip on mon cannot hold \(RETURN_BEFORE_ADULT_BACK\).*nobody is home before 18:40.*Fix: .*another drop-off address/,
    );
  });

  it('a home outside the 16 municipalities is an error naming the field and the coordinates', () => {
    const s = tiny();
    s.households[1].home = { lat: 45.6603, lon: 8.7916, label: 'Via Demo 99, Gallarate' };
    expect(errors(s)).toEqual([
      {
        path: 'households.1.home',
        severity: 'error',
        value: { lat: 45.6603, lon: 8.7916 },
        message: expect.stringMatching(
          /lat 45\.6603, lon 8\.7916 is outside the 16 municipalities.*not eligible for Action A/,
        ),
      },
    ]);
  });

  it('a request on a weekday the service is closed is an error naming the weekday', () => {
    const s = tiny();
    s.requests[0].weekdays = ['mon', 'sat'];
    expect(errors(s)).toEqual([
      {
        path: 'requests.0.weekdays.1',
        severity: 'error',
        value: 'sat',
        message: 'Scuola primaria (demo) Castellanza (svc-school) is closed on sat',
      },
    ]);
  });

  it('work hours that end before they start are an error with both times', () => {
    const s = tiny();
    s.households[0].workHours.tue = { leaves: '17:00', back: '08:00' };
    expect(errors(s)).toEqual([
      {
        path: 'households.0.workHours.tue.back',
        severity: 'error',
        value: { leaves: '17:00', back: '08:00' },
        message: 'ends at 08:00, before (or when) it starts at 17:00',
      },
    ]);
  });

  it('unknown passenger, service and vehicle ids and duplicate ids are errors naming the id', () => {
    const s = tiny();
    s.requests[0].passengerId = 'p-404';
    s.requests[3].serviceId = 'svc-404';
    s.drivers[0].vehicleIds = ['veh-1', 'veh-404'];
    s.passengers[3].id = 'p-3';
    expect(errors(s).map((i) => [i.path, i.value])).toEqual([
      ['passengers.3.id', 'p-3'],
      ['requests.0.passengerId', 'p-404'],
      ['requests.3.serviceId', 'svc-404'],
      ['requests.3.passengerId', 'p-4'], // p-4 was renamed to the duplicate p-3
      ['drivers.0.vehicleIds.1', 'veh-404'],
    ]);
  });

  it('a service whose activity runs past closing time is an error', () => {
    const s = tiny();
    s.services[1].hours.mon = { open: { from: '08:30', to: '16:30' }, activity: { from: '09:00', to: '17:00' } };
    expect(errors(s)).toEqual([
      expect.objectContaining({
        path: 'services.1.hours.mon.activity',
        message: 'the activity 09:00–17:00 is not within the opening hours 08:30–16:30',
      }),
    ]);
  });

  it('entities can be checked one at a time against a context', () => {
    const s = tiny();
    const context = domainContext(s);
    expect(validateRequest({ ...s.requests[0], weekdays: ['sun'] }, context, 'request')).toEqual([
      expect.objectContaining({ path: 'request.weekdays.0', value: 'sun' }),
    ]);
    expect(validateHousehold(s.households[0], context)).toEqual([]);
    expect(validateVehicle({ ...s.vehicles[0], capacity: { seats: -2, wheelchairs: 1 } }, context, 'vehicle')).toEqual([
      expect.objectContaining({
        path: 'vehicle.capacity.seats',
        value: -2,
        message: 'must be a whole number, zero or more, got -2',
      }),
      expect.objectContaining({ path: 'vehicle.features.lift', message: '1 wheelchair places but no lift' }),
    ]);
  });
});

describe('parsing a scenario at the edge', () => {
  it('a negative capacity is rejected with REQUEST_INVALID naming the field and the value, and the input is left as it was', () => {
    const input = structuredClone(raw);
    input.vehicles[1].capacity.seats = -3;
    const before = structuredClone(input);
    let caught: unknown;
    try {
      parseScenario(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe('REQUEST_INVALID');
    expect(err.details).toEqual([
      { path: 'vehicles.1.capacity.seats', value: -3, message: expect.stringContaining('(got -3)') },
    ]);
    expect(err.message).toMatch(/^vehicles\.1\.capacity\.seats: .*-3/);
    expect(input).toEqual(before);
  });

  it('an opening interval that ends before it starts is rejected by the schema with its path', () => {
    const input = structuredClone(raw);
    input.services[0].hours.tue.open = { from: '17:00', to: '07:30' };
    expect(() => parseScenario(input)).toThrow(/services\.0\.hours\.tue\.open\.to: the interval ends before it starts/);
  });

  it('cross-entity errors reject the scenario too, while warnings come back with it', () => {
    const bad = structuredClone(raw);
    bad.households[0].home = { lat: 45.8206, lon: 8.8251, label: 'Varese' };
    expect(() => parseScenario(bad)).toThrow(/households\.0\.home: .*not eligible for Action A/);
    const { scenario, warnings } = parseScenario(structuredClone(raw));
    expect(scenario.passengers).toHaveLength(4);
    expect(warnings).toHaveLength(3);
  });
});
