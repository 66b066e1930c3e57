/**
 * The families' self-service calls (issue 11), through the one API client and the contract in
 * server/contract/families.ts.
 */
import type { AdultSchedule, ServiceKind, Weekday } from '../../server/contract/domain.ts';
import { familiesContract as c } from '../../server/contract/families.ts';
import type { Api } from './client.ts';

export const familiesApi = (api: Api) => ({
  catalogue: (kind?: ServiceKind) => api.call(c.catalogue, { query: kind ? { kind } : {} }),
  requests: () => api.call(c.requests, {}),
  book: (body: { passengerId: string; serviceId: string; weekdays: Weekday[]; validFrom: string; validTo?: string }) =>
    api.call(c.book, { body }),
  cancel: (id: string) => api.call(c.cancel, { params: { id } }),
  schedules: (body: { schedules: AdultSchedule[] }) => api.call(c.schedules, { body }),
  absenceRange: (body: { passengerId: string; from: string; to: string }) => api.call(c.absenceRange, { body }),
  week: (week: string) => api.call(c.week, { query: { week } }),
  createFeed: () => api.call(c.createFeed, {}),
  revokeFeed: () => api.call(c.revokeFeed, {}),
});
