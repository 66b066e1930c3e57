/**
 * Action A's calls (issue 10) through the one API client and the contract in
 * server/contract/programme.ts.
 */
import { programmeContract as c } from '../../server/contract/programme.ts';
import type { Api } from './client.ts';

export const programmeApi = (api: Api) => ({
  me: () => api.call(c.me, {}),
  requests: (status?: 'pending' | 'approved' | 'refused' | 'cancelled') =>
    api.call(c.requests, { query: status ? { status } : {} }),
  approve: (id: string) => api.call(c.approve, { params: { id } }),
  refuse: (id: string, reason: string) => api.call(c.refuse, { params: { id }, body: { reason } }),
  budget: () => api.call(c.budget, {}),
  planCost: (week: string, version: number) => api.call(c.planCost, { params: { week }, query: { version } }),
  monitoring: (from: string, to: string, comune?: string) =>
    api.call(c.monitoring, { query: { from, to, ...(comune ? { comune } : {}) } }),
  monitoringCsv: (from: string, to: string, comune?: string) =>
    api.call(c.monitoringCsv, { query: { from, to, ...(comune ? { comune } : {}) } }),
});
