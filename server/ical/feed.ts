/**
 * A household's trips as an iCalendar feed (RFC 5545, generated with ical-generator): one event
 * per trip of the published plans, from the pickup to the drop-off, at the pickup address, with
 * the van. Built on every request from the published versions, so a new publication or a reported
 * absence (which removes the stops from the published plan) shows at the next refresh.
 *
 * The address carries a random token (32 bytes, base64url) that is not the session: only its
 * SHA-256 is stored (family_calendar_feeds), a new one replaces the old, and revoking deletes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import type { Vehicle } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';
import { addDays, isoWeekDates, isoWeekOf } from '../domain/calendar.ts';
import { getEntity } from '../entities/store.ts';
import { familyTrips } from '../family/family-trips.ts';
import type { PublishedPlans } from '../plan-store/published-port.ts';

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function issueFeedToken(db: Db, householdId: string, nowIso: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO family_calendar_feeds (household_id, token_hash, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (household_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`,
    [householdId, hash(token), nowIso],
  );
  return token;
}

export async function revokeFeedToken(db: Db, householdId: string): Promise<void> {
  await db.query('DELETE FROM family_calendar_feeds WHERE household_id = $1', [householdId]);
}

export async function householdOfToken(db: Db, token: string): Promise<string | null> {
  const { rows } = await db.query<{ household_id: string }>(
    'SELECT household_id FROM family_calendar_feeds WHERE token_hash = $1',
    [hash(token)],
  );
  return rows[0]?.household_id ?? null;
}

/** The weeks the feed covers: the current ISO week and the next `ahead` ones. */
export function feedDates(today: string, ahead = 4): string[] {
  const dates: string[] = [];
  for (let w = 0; w <= ahead; w++) dates.push(...isoWeekDates(isoWeekOf(addDays(today, 7 * w))));
  return dates;
}

export async function householdCalendar(
  db: Db,
  plans: PublishedPlans | undefined,
  passengerIds: Set<string>,
  dates: string[],
  name: string,
): Promise<string> {
  const byDate = new Map<string, Plan | undefined>();
  for (const date of dates) byDate.set(date, plans ? await plans.forDate(date) : undefined);
  const vans = new Map<string, string>();
  const calendar = ical({ name, prodId: { company: 'prontivia', product: 'family-feed', language: 'IT' } });
  for (const trip of familyTrips(byDate, passengerIds)) {
    const plan = byDate.get(trip.date);
    const route = plan?.days
      .find((d) => d.date === trip.date)
      ?.routes.find((r) =>
        r.stops.some((s) => s.start === trip.pickup && s.boards.some((b) => b.requestId === trip.requestId)),
      );
    let van = '';
    if (route) {
      if (!vans.has(route.vehicleId)) {
        const v = await getEntity<Vehicle>(db, 'vehicle', route.vehicleId);
        vans.set(route.vehicleId, v ? `${v.label}${v.plate ? ` (${v.plate})` : ''}` : route.vehicleId);
      }
      van = vans.get(route.vehicleId) ?? '';
    }
    calendar.createEvent({
      id: `${trip.requestId}-${trip.date}-${trip.direction}@prontivia`,
      start: new Date(trip.pickup),
      end: new Date(trip.dropoff),
      summary: `${trip.name}: ${trip.direction === 'outbound' ? 'andata' : 'ritorno'} ${trip.pickupLabel} → ${trip.dropoffLabel}`,
      location: trip.pickupLabel,
      description: `Pickup ${trip.pickup.slice(11, 16)} at ${trip.pickupLabel}; drop-off ${trip.dropoff.slice(11, 16)} at ${trip.dropoffLabel}. Van: ${van}. Plan version ${plan?.version ?? ''}.`,
    });
  }
  return calendar.toString();
}
