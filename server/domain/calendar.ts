/** The calendar helpers live in the contract (server/contract/calendar.ts), shared with the web. */
export * from '../contract/calendar.ts';
