/**
 * A family reports that a passenger will not travel on a date: the date becomes an exception of
 * each standing request of that passenger that would travel that day, and the passenger's stops
 * are removed from the published plan of that date (freeing the seat), in one transaction.
 */
import type { StandingRequest } from '../contract/domain.ts';
import type { Db } from '../db/db.ts';
import { weekdayOf } from '../domain/calendar.ts';
import { writeEntity } from '../entities/store.ts';
import type { PublishedPlans } from '../plan-store/published-port.ts';

export interface AbsenceResult {
  passengerId: string;
  date: string;
  requestIds: string[];
  stopsRemoved: number;
}

export async function reportAbsence(
  db: Db,
  plans: PublishedPlans | undefined,
  passengerId: string,
  date: string,
): Promise<AbsenceResult> {
  const weekday = weekdayOf(date);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ data: StandingRequest }>(
      "SELECT data FROM entities WHERE kind = 'request' AND passenger_id = $1 ORDER BY id FOR UPDATE",
      [passengerId],
    );
    const travelling = rows
      .map((r) => r.data)
      .filter((r) => r.weekdays.includes(weekday) && r.validFrom <= date && date <= r.validTo);
    for (const r of travelling) {
      if (!r.exceptions.includes(date))
        await writeEntity(tx, 'request', { ...r, exceptions: [...r.exceptions, date].sort() });
    }
    const stopsRemoved = plans ? await plans.removePassengerFromDate(tx, passengerId, date) : 0;
    return { passengerId, date, requestIds: travelling.map((r) => r.id), stopsRemoved };
  });
}
