/**
 * What the driver and family endpoints need from the plan store: the PUBLISHED plan covering a
 * date, and removing a passenger's stops from it when the family reports an absence.
 * The plans-and-jobs store implements this (server/planning-store); tests may pass an in-memory one.
 */
import type { Plan } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';

export interface PublishedPlans {
  /** The latest published plan whose week contains `date` (YYYY-MM-DD), if any. */
  forDate(date: string): Promise<Plan | undefined>;
  /**
   * Removes every stop of `passengerId` on `date` from the published plan (a new immutable version
   * or an amendment, as the store decides); returns how many stops were removed.
   * Runs inside `tx` so the absence and the plan change commit together.
   */
  removePassengerFromDate(tx: Db, passengerId: string, date: string): Promise<number>;
}
