/**
 * A household's voucher: the grant in force today, what delivered trips have consumed (cost at
 * the provider's tariff less the family's co-payment), the balance, what the published plans
 * commit from today to the grant's end (planned trips × tariff, not yet delivered) and what is
 * left after that.
 */
import type { VoucherBalance } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { publishedTripsBetween } from '../programme/planned-trips.ts';
import type { ProgrammeData } from '../programme/programme-data.ts';
import { tripKeyOf } from '../contract/trip-key.ts';

/** The grant in force on `today`, else the next one, else the latest that ended. */
function currentGrant(data: ProgrammeData, householdId: string, today: string) {
  const mine = data.grants.filter((g) => g.householdId === householdId);
  return (
    mine.find((g) => g.validFrom <= today && today <= g.validTo) ??
    mine.filter((g) => g.validFrom > today).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0] ??
    mine.sort((a, b) => b.validTo.localeCompare(a.validTo))[0]
  );
}

export async function voucherBalance(
  db: Db,
  data: ProgrammeData,
  householdId: string,
  today: string,
): Promise<VoucherBalance> {
  const grant = currentGrant(data, householdId, today);
  if (!grant)
    return {
      householdId,
      grant: null,
      amountCents: 0,
      spentCents: 0,
      balanceCents: 0,
      committedCents: 0,
      remainingCents: 0,
      deliveredTrips: 0,
      committedTrips: 0,
    };
  const spent = await db.query<{ cents: string | number; n: number }>(
    `SELECT coalesce(sum(cost_cents - co_payment_cents), 0) AS cents, count(*)::int AS n
     FROM trip_outcomes WHERE grant_id = $1 AND status = 'delivered'`,
    [grant.id],
  );
  const recorded = await db.query<{ k: string }>(
    `SELECT date || '|' || request_id || '|' || direction AS k FROM trip_outcomes
     WHERE household_id = $1 AND date >= $2 AND date <= $3`,
    [householdId, today, grant.validTo],
  );
  const done = new Set(recorded.rows.map((r) => r.k));
  const start = today > grant.validFrom ? today : grant.validFrom;
  const planned =
    start <= grant.validTo
      ? (await publishedTripsBetween(db, data, start, grant.validTo)).filter(
          (t) => t.householdId === householdId && !done.has(tripKeyOf(t)),
        )
      : [];
  const spentCents = Number(spent.rows[0]!.cents);
  const committedCents = planned.reduce((s, t) => s + t.costCents - t.coPaymentCents, 0);
  return {
    householdId,
    grant,
    amountCents: grant.amountCents,
    spentCents,
    balanceCents: grant.amountCents - spentCents,
    committedCents,
    remainingCents: grant.amountCents - spentCents - committedCents,
    deliveredTrips: spent.rows[0]!.n,
    committedTrips: planned.length,
  };
}
