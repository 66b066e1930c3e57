/**
 * /api/accounts: the coordinator manages who can log in — list (paged, by role), create, reset a
 * password, disable, enable, delete. Thin handlers over accounts/admin.ts.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { RouterDeps } from '../app-deps.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { audit } from '../audit/audit.ts';
import {
  AccountListQuerySchema,
  AccountPageSchema,
  AccountSchema,
  AccountWithPasswordSchema,
  NewAccountSchema,
  PasswordResetSchema,
} from '../contract/accounts.ts';
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

const IdParamsSchema = z.object({ id: z.string().min(1).max(64) });
const ROLES: ['coordinator'] = ['coordinator'];

export function accountsRouter(deps: RouterDeps, sessions: SessionCache): Router {
  const { db, clock, registry } = deps;
  const admin = { db, clock, sessions };
  const router = Router();

  defineRoute(router, registry, '/api/accounts', {
    method: 'get',
    path: '/',
    summary: 'List accounts (never their passwords), paged, optionally of one role or matching a text',
    tag: 'accounts',
    roles: ROLES,
    query: AccountListQuerySchema,
    responses: { 200: { description: 'a page of accounts', schema: AccountPageSchema } },
    handler: async ({ query, user }) => {
      const r = await listAccounts(db, query);
      await audit(db, clock, user, 'list', 'account', query.role ?? '*');
      return { body: { ...r, page: query.page, pageSize: query.pageSize } };
    },
  });

  defineRoute(router, registry, '/api/accounts', {
    method: 'get',
    path: '/:id',
    summary: 'One account',
    tag: 'accounts',
    roles: ROLES,
    params: IdParamsSchema,
    responses: { 200: { description: 'the account', schema: AccountSchema }, 404: { description: 'no such account' } },
    handler: async ({ params, user }) => {
      const row = await requireAccount(db, params.id);
      await audit(db, clock, user, 'read', 'account', params.id);
      return { body: toAccount(row) };
    },
  });

  defineRoute(router, registry, '/api/accounts', {
    method: 'post',
    path: '/',
    summary:
      'Create an account: a driver account names an existing driver, a family account an existing household; without a password one is generated and returned once',
    tag: 'accounts',
    roles: ROLES,
    body: NewAccountSchema,
    responses: {
      201: { description: 'created', schema: AccountWithPasswordSchema },
      400: { description: 'bad field (password under 10 characters, missing or unknown driver/household)' },
      409: { description: 'the username is taken' },
    },
    handler: async ({ body, user }) => ({ status: 201, body: await createManagedAccount(admin, user, body) }),
  });

  defineRoute(router, registry, '/api/accounts', {
    method: 'post',
    path: '/:id/password',
    summary:
      "Set an account's password, or without one generate a one-time password returned once; ends the account's sessions",
    tag: 'accounts',
    roles: ROLES,
    params: IdParamsSchema,
    body: PasswordResetSchema,
    responses: {
      200: { description: 'password set', schema: AccountWithPasswordSchema },
      400: { description: 'password under 10 characters' },
      404: { description: 'no such account' },
    },
    handler: async ({ params, body, user, req }) => ({
      body: await resetPassword(admin, user, params.id, body.password, req.auth!.tokenHash),
    }),
  });

  defineRoute(router, registry, '/api/accounts', {
    method: 'post',
    path: '/:id/disable',
    summary: 'Disable an account: it cannot log in and its sessions end at once (not your own)',
    tag: 'accounts',
    roles: ROLES,
    params: IdParamsSchema,
    responses: {
      200: { description: 'the account', schema: AccountSchema },
      404: { description: 'no such account' },
      409: { description: 'your own account' },
    },
    handler: async ({ params, user }) => ({ body: await setDisabled(admin, user, params.id, true) }),
  });

  defineRoute(router, registry, '/api/accounts', {
    method: 'post',
    path: '/:id/enable',
    summary: 'Enable a disabled account: it can log in again',
    tag: 'accounts',
    roles: ROLES,
    params: IdParamsSchema,
    responses: { 200: { description: 'the account', schema: AccountSchema }, 404: { description: 'no such account' } },
    handler: async ({ params, user }) => ({ body: await setDisabled(admin, user, params.id, false) }),
  });

  defineRoute(router, registry, '/api/accounts', {
    method: 'delete',
    path: '/:id',
    summary: 'Delete an account and end its sessions (not your own)',
    tag: 'accounts',
    roles: ROLES,
    params: IdParamsSchema,
    responses: {
      204: { description: 'deleted' },
      404: { description: 'no such account' },
      409: { description: 'your own account' },
    },
    handler: async ({ params, user }) => {
      await deleteManagedAccount(admin, user, params.id);
      return { status: 204 };
    },
  });

  return router;
}
