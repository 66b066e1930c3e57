/**
 * The family's 4-digit handover code for one passenger on one day: an HMAC of the passenger and
 * the date under the server's secret, so nothing is stored, it changes every day, and it cannot
 * be guessed from yesterday's. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function handoverCode(secret: string, passengerId: string, date: string): string {
  const mac = createHmac('sha256', secret).update(`handover|${passengerId}|${date}`).digest();
  return String(mac.readUInt32BE(0) % 10_000).padStart(4, '0');
}

export function codeMatches(secret: string, passengerId: string, date: string, code: string): boolean {
  const expected = Buffer.from(handoverCode(secret, passengerId, date));
  const given = Buffer.from(code.padEnd(4).slice(0, 4));
  return timingSafeEqual(expected, given) && code.length === 4;
}
