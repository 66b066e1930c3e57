/**
 * A vehicle's day is two runs — morning and afternoon — split at a time chosen per day, each
 * with its own driver. Drivers of social transport work split shifts: a van that brings
 * children in at 7:30 and home at 16:30 is not driven for nine hours, and a driver's daily
 * hours count the runs only. Each run is one solver vehicle.
 *
 * Drivers are assigned before solving: a run needs a driver available during it who may drive
 * that vehicle, has hours left today and this week, and drives nothing else in that part of the
 * day. The driver who drove the same run on the reference day is preferred (continuity); then
 * runs with the fewest candidates are staffed first, each taking the candidate with the fewest
 * other options.
 */
import type { Driver, Vehicle, Weekday } from '../contract/domain.ts';
import { toSeconds as hhmmToS } from '../windows/time-of-day.ts';

export type RunPart = 'am' | 'pm';

/** The run a plan route is: its id ends in `.am` or `.pm` (see toDayResult). */
export const partOfRoute = (route: { id: string }): RunPart => (route.id.endsWith('.pm') ? 'pm' : 'am');

export interface Run {
  vehicle: Vehicle;
  part: RunPart;
  driverId: string;
  /** Leave the depot no earlier, be back no later (seconds of the day). */
  shiftStartS: number;
  shiftEndS: number;
  maxDurationS: number;
}

export interface DriverLedger {
  /** Hours already driven this week, per driver. */
  weekHours: Map<string, number>;
}

/** Share of a driver's daily and remaining weekly hours a morning run may take when they also drive in the afternoon. */
export const MORNING_SHARE = 0.6;

/** Runs shorter than this are not worth staffing. */
const MIN_RUN_S = 45 * 60;

interface Slot {
  vehicle: Vehicle;
  part: RunPart;
  fromS: number;
  toS: number;
}

/** Seconds a driver may still drive today, having driven `todayS` already: the day's and the week's limits. */
export function hoursLeftS(driver: Driver, ledger: DriverLedger, todayS: number): number {
  return (
    Math.min(driver.maxHoursPerDay * 3600, (driver.maxHoursPerWeek - (ledger.weekHours.get(driver.id) ?? 0)) * 3600) -
    todayS
  );
}

interface Candidate {
  driver: Driver;
  fromS: number;
  toS: number;
}

/** Every driver that could take the slot if free, with the window they would give it. */
function candidates(slot: Slot, weekday: Weekday, drivers: Driver[], ledger: DriverLedger): Candidate[] {
  const out: Candidate[] = [];
  for (const driver of drivers) {
    if (driver.vehicleIds.length > 0 && !driver.vehicleIds.includes(slot.vehicle.id)) continue;
    const avail = driver.availability[weekday];
    if (!avail) continue;
    const fromS = Math.max(slot.fromS, hhmmToS(avail.from));
    const toS = Math.min(slot.toS, hhmmToS(avail.to));
    const leftWeekS = (driver.maxHoursPerWeek - (ledger.weekHours.get(driver.id) ?? 0)) * 3600;
    if (toS - fromS < MIN_RUN_S || leftWeekS < MIN_RUN_S || driver.maxHoursPerDay * 3600 < MIN_RUN_S) continue;
    out.push({ driver, fromS, toS });
  }
  return out;
}

/**
 * Staffs the runs of `date`'s vehicles. `splitS` divides morning and afternoon; `preferred`
 * maps "vehicleId|part" to the driver who drove it on the reference day. A driver who takes
 * both a morning and an afternoon run may use MORNING_SHARE of their hours in the morning.
 */
export function staffRuns(
  weekday: Weekday,
  splitS: number,
  vehicles: Vehicle[],
  drivers: Driver[],
  ledger: DriverLedger,
  preferred: Map<string, string> = new Map(),
): Run[] {
  const slots: Array<Slot & { all: Candidate[] }> = [];
  const add = (slot: Slot) => slots.push({ ...slot, all: candidates(slot, weekday, drivers, ledger) });
  for (const vehicle of vehicles) {
    const hours = vehicle.hours[weekday];
    if (!hours) continue;
    const [from, to] = [hhmmToS(hours.from), hhmmToS(hours.to)];
    if (Math.min(to, splitS) - from >= MIN_RUN_S) add({ vehicle, part: 'am', fromS: from, toS: Math.min(to, splitS) });
    if (to - Math.max(from, splitS) >= MIN_RUN_S) add({ vehicle, part: 'pm', fromS: Math.max(from, splitS), toS: to });
  }
  const busy = new Set<string>();
  const free = (slot: Slot & { all: Candidate[] }) => slot.all.filter((c) => !busy.has(`${c.driver.id}|${slot.part}`));
  const chosen: Array<{ slot: Slot; driver: Driver; fromS: number; toS: number }> = [];
  const take = (slot: Slot, c: Candidate) => {
    busy.add(`${c.driver.id}|${slot.part}`);
    chosen.push({ slot, ...c });
  };
  let open = [...slots];
  for (const slot of slots) {
    const want = preferred.get(`${slot.vehicle.id}|${slot.part}`);
    const c = want ? free(slot).find((x) => x.driver.id === want) : undefined;
    if (c) {
      take(slot, c);
      open = open.filter((s) => s !== slot);
    }
  }
  while (open.length > 0) {
    const options = open.map((slot) => ({ slot, cs: free(slot) })).filter((o) => o.cs.length > 0);
    if (options.length === 0) break;
    // Lift vans first (scarce), then the slot with the fewest candidates.
    options.sort(
      (a, b) =>
        Number(b.slot.vehicle.features.lift) - Number(a.slot.vehicle.features.lift) ||
        a.cs.length - b.cs.length ||
        b.slot.vehicle.capacity.seats - a.slot.vehicle.capacity.seats,
    );
    const { slot, cs } = options[0];
    const demand = new Map<string, number>();
    for (const o of options)
      if (o.slot !== slot) for (const c of o.cs) demand.set(c.driver.id, (demand.get(c.driver.id) ?? 0) + 1);
    const sameVan = chosen.find((x) => x.slot.vehicle.id === slot.vehicle.id)?.driver.id;
    // Whole half-hours of the run covered first (a driver free from 11:00 is no use at 7:00), then the van's other driver, then the least needed driver.
    const covers = (c: Candidate) => Math.floor((c.toS - c.fromS) / 1800);
    cs.sort(
      (a, b) =>
        covers(b) - covers(a) ||
        Number(b.driver.id === sameVan) - Number(a.driver.id === sameVan) ||
        (demand.get(a.driver.id) ?? 0) - (demand.get(b.driver.id) ?? 0),
    );
    take(slot, cs[0]);
    open = open.filter((s) => s !== slot);
  }
  const parts = new Map<string, number>();
  for (const c of chosen) parts.set(c.driver.id, (parts.get(c.driver.id) ?? 0) + 1);
  return chosen.map(({ slot, driver, fromS, toS }) => {
    // A driver with both runs may use up to MORNING_SHARE of the day in the morning; the
    // afternoon gets what is left (the planner caps it after solving the morning).
    const share = parts.get(driver.id)! > 1 && slot.part === 'am' ? MORNING_SHARE : 1;
    const leftWeekS = (driver.maxHoursPerWeek - (ledger.weekHours.get(driver.id) ?? 0)) * 3600;
    const maxDurationS = Math.min(toS - fromS, driver.maxHoursPerDay * 3600 * share, leftWeekS * share);
    return {
      vehicle: slot.vehicle,
      part: slot.part,
      driverId: driver.id,
      shiftStartS: fromS,
      shiftEndS: toS,
      maxDurationS,
    };
  });
}
