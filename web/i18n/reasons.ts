/**
 * The server explains unserved trips, violations and slots that do not fit in English, next to a
 * stable code. This turns the code into a plain sentence in the user's language (it.ts / en.ts)
 * and falls back to the server's own words for a code the web does not know yet.
 *
 * Violation codes come from the contract. Unserved and slot reason codes are a plain string in
 * the contract, so their list is kept here: the solver's UnservedReason (solver/model/instance.ts),
 * the work-hour rules' InfeasibleReason (server/windows/work-hours-to-windows.ts) and
 * UNKNOWN_REFERENCE (server/domain/expand-week.ts), ESCORT_MISSING (server/escorts/escort-planner.ts) and
 * NO_ACCREDITED_PROVIDER (server/providers/accreditation-planning.ts).
 */
import { ViolationSchema } from '../../server/contract/plan.ts';
import { it, type MessageKey } from './it.ts';
import { t } from './i18n.ts';

export const REASON_CODES = [
  'TIME_WINDOW',
  'CAPACITY',
  'RIDE_TIME',
  'ROUTE_DURATION',
  'SHIFT',
  'NO_COMPATIBLE_VEHICLE',
  'LOCK',
  'NO_ROOM',
  'SERVICE_CLOSED',
  'SERVICE_HOURS',
  'ACTIVITY_TOO_EARLY',
  'ACTIVITY_TOO_LATE',
  'OUTBOUND_AFTER_ADULT_LEAVES',
  'RETURN_BEFORE_ADULT_BACK',
  'PROMISE_CONFLICT',
  'UNKNOWN_REFERENCE',
  'ESCORT_MISSING',
  'NO_ACCREDITED_PROVIDER',
] as const;

export const VIOLATION_CODES = ViolationSchema.shape.code.options;

const known = (key: string): key is MessageKey => Object.hasOwn(it, key);

function translated(prefix: 'why' | 'fix' | 'violation', code: string | undefined, fallback: string): string {
  const key = `${prefix}.${code ?? ''}`;
  return known(key) ? t(key) : fallback;
}

/** Why a trip was not served or a slot does not fit, in plain words. */
export const reasonText = (code: string | undefined, serverMessage: string): string =>
  translated('why', code, serverMessage);

/** What would make a slot fit. */
export const fixText = (code: string | undefined, serverFix: string): string => translated('fix', code, serverFix);

/** What a violation means, in plain words. */
export const violationText = (code: string, serverMessage: string): string =>
  translated('violation', code, serverMessage);

/** True when the web has its own text for the code (the server's message is then a detail). */
export const hasText = (prefix: 'why' | 'violation', code: string | undefined): boolean =>
  known(`${prefix}.${code ?? ''}`);
