/**
 * /api/accounts: the coordinator manages who can log in — list (paged, by role), create, reset a
 * password, disable, enable, delete. Thin handlers over accounts/admin.ts; the routes' shapes
 * are `accountsContract` (server/contract/accounts.ts).
 */
import { Router } from 'express';
import type { RouterDeps } from '../app-deps.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { audit } from '../audit/audit.ts';
import { accountsContract as c } from '../contract/accounts.ts';
import { defineRoute } from '../http/define-route.ts';
import {
  createManagedAccount,
  deleteManagedAccount,
  listAccounts,
  requireAccount,
  resetPassword,
  setDisabled,
  toAccount,
} from './admin.ts';

export function accountsRouter(deps: RouterDeps, sessions: SessionCache): Router {
  const { db, clock, registry } = deps;
  const admin = { db, clock, sessions };
  const router = Router();

  defineRoute(router, registry, c.list, async ({ query, user }) => {
    const r = await listAccounts(db, query);
    await audit(db, clock, user, 'list', 'account', query.role ?? '*');
    return { body: { ...r, page: query.page, pageSize: query.pageSize } };
  });

  defineRoute(router, registry, c.get, async ({ params, user }) => {
    const row = await requireAccount(db, params.id);
    await audit(db, clock, user, 'read', 'account', params.id);
    return { body: toAccount(row) };
  });

  defineRoute(router, registry, c.create, async ({ body, user }) => ({
    status: 201,
    body: await createManagedAccount(admin, user, body),
  }));

  defineRoute(router, registry, c.resetPassword, async ({ params, body, user, req }) => ({
    body: await resetPassword(admin, user, params.id, body.password, req.auth!.tokenHash),
  }));

  defineRoute(router, registry, c.disable, async ({ params, user }) => ({
    body: await setDisabled(admin, user, params.id, true),
  }));

  defineRoute(router, registry, c.enable, async ({ params, user }) => ({
    body: await setDisabled(admin, user, params.id, false),
  }));

  defineRoute(router, registry, c.remove, async ({ params, user }) => {
    await deleteManagedAccount(admin, user, params.id);
    return { status: 204 };
  });

  return router;
}
