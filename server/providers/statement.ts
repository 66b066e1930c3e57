/**
 * A provider's monthly statement: the delivered trips of its vehicles in the month, each with
 * its cost at the tariff, the family's co-payment and the voucher's share (what the Ambito
 * pays), and the no-shows (listed, not charged).
 */
import type { Db } from '../db/db.ts';
import { addDays } from '../domain/calendar.ts';
import { outcomesBetween } from '../programme/trip-outcomes.ts';

export interface StatementLine {
  date: string;
  passengerId: string;
  requestId: string;
  direction: string;
  status: string;
  km: number;
  costCents: number;
  coPaymentCents: number;
  voucherCents: number;
  fundingLine: string | null;
}

export interface ProviderStatement {
  providerId: string;
  month: string;
  lines: StatementLine[];
  delivered: number;
  noShows: number;
  costCents: number;
  coPaymentCents: number;
  /** What the Ambiti pay from the vouchers: cost − co-payment. */
  voucherCents: number;
}

export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

export async function providerStatement(db: Db, providerId: string, month: string): Promise<ProviderStatement> {
  const { from, to } = monthRange(month);
  const mine = (await outcomesBetween(db, from, to)).filter(
    (o) => o.providerId === providerId && (o.status === 'delivered' || o.status === 'no_show'),
  );
  const lines = mine.map((o) => ({
    date: o.date,
    passengerId: o.passengerId,
    requestId: o.requestId,
    direction: o.direction,
    status: o.status,
    km: Math.round(o.kmM / 100) / 10,
    costCents: o.costCents,
    coPaymentCents: o.coPaymentCents,
    voucherCents: o.costCents - o.coPaymentCents,
    fundingLine: o.fundingLine,
  }));
  return {
    providerId,
    month,
    lines,
    delivered: lines.filter((l) => l.status === 'delivered').length,
    noShows: lines.filter((l) => l.status === 'no_show').length,
    costCents: lines.reduce((s, l) => s + l.costCents, 0),
    coPaymentCents: lines.reduce((s, l) => s + l.coPaymentCents, 0),
    voucherCents: lines.reduce((s, l) => s + l.voucherCents, 0),
  };
}
