/**
 * What a trip costs at a provider's tariff: per trip, per km (the trip's direct road distance)
 * or per hour (the passenger's time aboard), rounded to whole euro cents; the family's
 * co-payment band (if any) takes its share per trip and the voucher pays the rest.
 */
import type { Tariff } from '../contract/programme.ts';

export interface TripMeasure {
  /** Direct road distance pickup → drop-off, metres (great-circle × the estimate's detour factor). */
  kmM: number;
  /** From the end of boarding to the start of alighting, seconds. */
  rideS: number;
}

export interface TripCost {
  /** What the provider is owed for the trip. */
  costCents: number;
  /** Paid by the family (its co-payment band), never more than the cost. */
  coPaymentCents: number;
  /** Paid from the voucher: cost − co-payment. */
  voucherCents: number;
}

export function tripCost(tariff: Tariff, m: TripMeasure, band?: string): TripCost {
  const units = tariff.unit === 'trip' ? 1 : tariff.unit === 'km' ? m.kmM / 1000 : m.rideS / 3600;
  const costCents = Math.round(tariff.centsPerUnit * units);
  const perTrip = band ? (tariff.coPaymentBands.find((b) => b.band === band)?.centsPerTrip ?? 0) : 0;
  const coPaymentCents = Math.min(costCents, perTrip);
  return { costCents, coPaymentCents, voucherCents: costCents - coPaymentCents };
}
