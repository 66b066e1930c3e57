/**
 * Voucher grants: one per household and period (periods of one household never overlap), an
 * amount in euro cents, a funding line (regional contribution or the alliance's co-funding) and
 * the Ambito that pays it. A bad grant is refused naming the field; nothing recorded changes.
 */
import type { Grant } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { invalid } from '../errors/app-error.ts';

interface Row {
  id: string;
  household_id: string;
  amount_cents: string | number;
  valid_from: string;
  valid_to: string;
  funding_line: Grant['fundingLine'];
  ambito: Grant['ambito'];
}

const toGrant = (r: Row): Grant => ({
  id: r.id,
  householdId: r.household_id,
  amountCents: Number(r.amount_cents),
  validFrom: r.valid_from,
  validTo: r.valid_to,
  fundingLine: r.funding_line,
  ambito: r.ambito,
});

export async function listGrants(db: Db, householdId?: string): Promise<Grant[]> {
  const { rows } = householdId
    ? await db.query<Row>('SELECT * FROM voucher_grants WHERE household_id = $1 ORDER BY valid_from, id', [householdId])
    : await db.query<Row>('SELECT * FROM voucher_grants ORDER BY household_id, valid_from, id', []);
  return rows.map(toGrant);
}

/** Creates (or, with `replace`, changes) a grant after checking household, period and overlap. */
export async function saveGrant(db: Db, g: Grant, replace: boolean): Promise<Grant> {
  if (g.validTo < g.validFrom) throw invalid('validTo', `is before validFrom ${g.validFrom}`, g.validTo);
  return db.transaction(async (tx) => {
    const hh = await tx.query("SELECT 1 FROM entities WHERE kind = 'household' AND id = $1", [g.householdId]);
    if (hh.rows.length === 0) throw invalid('householdId', `no household with id "${g.householdId}"`, g.householdId);
    const same = await tx.query<Row>('SELECT * FROM voucher_grants WHERE id = $1', [g.id]);
    if (same.rows[0] && !replace) throw invalid('id', `grant ${g.id} already exists; use PUT to change it`, g.id);
    if (!same.rows[0] && replace) throw invalid('id', `no grant with id "${g.id}"`, g.id);
    const overlap = await tx.query<Row>(
      `SELECT * FROM voucher_grants WHERE household_id = $1 AND id <> $2 AND valid_from <= $3 AND valid_to >= $4
       ORDER BY valid_from LIMIT 1`,
      [g.householdId, g.id, g.validTo, g.validFrom],
    );
    const o = overlap.rows[0];
    if (o)
      throw invalid(
        'validFrom',
        `the period ${g.validFrom} – ${g.validTo} overlaps grant ${o.id} (${o.valid_from} – ${o.valid_to}) of household ${g.householdId}`,
        g.validFrom,
      );
    await tx.query(
      `INSERT INTO voucher_grants (id, household_id, amount_cents, valid_from, valid_to, funding_line, ambito)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET household_id = EXCLUDED.household_id, amount_cents = EXCLUDED.amount_cents,
         valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, funding_line = EXCLUDED.funding_line,
         ambito = EXCLUDED.ambito`,
      [g.id, g.householdId, g.amountCents, g.validFrom, g.validTo, g.fundingLine, g.ambito],
    );
    return g;
  });
}
