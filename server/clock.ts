/** The clock is passed in, so tests can pin "now" (session expiry, rate limits, audit times). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
