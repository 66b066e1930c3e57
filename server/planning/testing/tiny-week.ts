/**
 * A tiny hand-checkable week for the planning tests: one nursery and one day centre in
 * Castellanza, five households a few kilometres away, a van with child seats, a lift van and
 * three drivers. Times and places are chosen so every figure in a test can be checked by hand.
 */
import { ScenarioSchema, type Scenario, WORKDAYS } from '../../contract/domain.ts';

const place = (lat: number, lon: number, label: string) => ({ lat, lon, label });
const everyWeekday = <T>(v: T) => Object.fromEntries(WORKDAYS.map((d) => [d, v]));

export function tinyWeek(): Scenario {
  return ScenarioSchema.parse({
    name: 'tiny week',
    week: '2026-W49',
    synthetic: true,
    services: [
      {
        id: 'nido',
        name: 'Nido Castellanza',
        kind: 'nursery',
        place: place(45.6105, 8.8955, 'Nido, Via Roma 1, Castellanza'),
        hours: everyWeekday({ open: { from: '07:30', to: '17:30' }, activity: { from: '08:30', to: '16:00' } }),
      },
      {
        id: 'cdd',
        name: 'CDD Castellanza',
        kind: 'day_centre_disabled',
        place: place(45.606, 8.899, 'CDD, Via Azimonti 5, Castellanza'),
        hours: everyWeekday({ open: { from: '08:00', to: '17:00' }, activity: { from: '09:00', to: '16:00' } }),
      },
    ],
    households: [
      {
        id: 'h1',
        name: 'Rossi',
        home: place(45.618, 8.885, 'Via Verdi 3'),
        adults: [{ name: 'Anna Rossi' }],
        workHours: everyWeekday({ leaves: '08:15', back: '16:30' }),
      },
      {
        id: 'h2',
        name: 'Bianchi',
        home: place(45.6, 8.91, 'Via Dante 8'),
        adults: [{ name: 'Luca Bianchi' }],
        workHours: everyWeekday({ leaves: '08:30', back: '16:15' }),
      },
      {
        id: 'h3',
        name: 'Verdi',
        home: place(45.622, 8.905, 'Via Manzoni 12'),
        adults: [{ name: 'Sara Verdi' }],
        workHours: everyWeekday({ leaves: '08:10', back: '16:30' }),
      },
      {
        id: 'h4',
        name: 'Neri',
        home: place(45.595, 8.89, 'Via Carducci 2'),
        adults: [{ name: 'Paolo Neri' }],
        workHours: {},
      },
      {
        id: 'h5',
        name: 'Gallo',
        home: place(45.615, 8.915, 'Via Foscolo 4'),
        adults: [{ name: 'Elena Gallo' }],
        workHours: everyWeekday({ leaves: '07:30', back: '16:30' }),
      },
    ],
    passengers: [
      { id: 'p1', name: 'Giulia R.', householdId: 'h1', ageGroup: 'child', mobility: 'child_seat' },
      { id: 'p2', name: 'Marco B.', householdId: 'h2', ageGroup: 'child', mobility: 'walks' },
      { id: 'p3', name: 'Chiara V.', householdId: 'h3', ageGroup: 'child', mobility: 'child_seat', needsEscort: true },
      {
        id: 'p4',
        name: 'Franco N.',
        householdId: 'h4',
        ageGroup: 'adult',
        mobility: 'wheelchair',
        boardingMin: 5,
        alightingMin: 5,
      },
      { id: 'p5', name: 'Luisa G.', householdId: 'h5', ageGroup: 'adult', mobility: 'walks' },
    ],
    requests: [
      {
        id: 'r1',
        passengerId: 'p1',
        serviceId: 'nido',
        weekdays: [...WORKDAYS],
        validFrom: '2026-09-01',
        validTo: '2027-06-30',
      },
      {
        id: 'r2',
        passengerId: 'p2',
        serviceId: 'nido',
        weekdays: ['mon', 'wed', 'fri'],
        validFrom: '2026-09-01',
        validTo: '2027-06-30',
      },
      {
        id: 'r3',
        passengerId: 'p3',
        serviceId: 'nido',
        weekdays: ['mon', 'tue', 'wed', 'thu'],
        validFrom: '2026-09-01',
        validTo: '2027-06-30',
      },
      {
        id: 'r4',
        passengerId: 'p4',
        serviceId: 'cdd',
        weekdays: [...WORKDAYS],
        validFrom: '2026-09-01',
        validTo: '2027-06-30',
      },
      // The adult leaves at 07:30, before the day centre opens: the outbound trip cannot hold.
      {
        id: 'r5',
        passengerId: 'p5',
        serviceId: 'cdd',
        weekdays: ['tue', 'thu'],
        validFrom: '2026-09-01',
        validTo: '2027-06-30',
      },
    ],
    vehicles: [
      {
        id: 'v1',
        label: 'Ducato 1',
        capacity: { seats: 8, wheelchairs: 0 },
        features: { lift: false, childSeats: 2 },
        depot: place(45.608, 8.897, 'Deposito Castellanza'),
        hours: everyWeekday({ from: '07:00', to: '18:30' }),
      },
      {
        id: 'v2',
        label: 'Lift 1',
        capacity: { seats: 4, wheelchairs: 1 },
        features: { lift: true, childSeats: 0 },
        depot: place(45.608, 8.897, 'Deposito Castellanza'),
        hours: everyWeekday({ from: '07:00', to: '18:30' }),
      },
    ],
    drivers: [
      { id: 'd1', name: 'Aldo', availability: everyWeekday({ from: '07:00', to: '18:30' }), vehicleIds: [] },
      { id: 'd2', name: 'Bruna', availability: everyWeekday({ from: '07:00', to: '18:30' }), vehicleIds: ['v2'] },
      { id: 'd3', name: 'Carla', availability: everyWeekday({ from: '07:00', to: '12:00' }), vehicleIds: [] },
    ],
  });
}
