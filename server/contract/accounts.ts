/**
 * The accounts part of the API contract, shared by server and web: what a coordinator sees of an
 * account (never its password hash), what creates one, and the password policy every route
 * applies (at least 10 characters).
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { IdSchema } from './domain.ts';
import { PageQuerySchema, pageOf } from './page.ts';
import { type Role, RoleSchema } from './roles.ts';

export const AccountRoleSchema = RoleSchema;
export type AccountRole = Role;

/** Who is logged in, as the server and the web see them (what /api/auth/me answers). */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: AccountRoleSchema,
  displayName: z.string(),
  driverId: z.string().nullable(),
  householdId: z.string().nullable(),
  /** An escort account's escort (server/escorts/); absent or null for the other roles. */
  escortId: z.string().nullable().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`);

export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only');

export const AccountSchema = UserSchema.extend({
  /** When the account was disabled; null while it can log in. */
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

export const AccountPageSchema = pageOf(AccountSchema);

export const AccountListQuerySchema = PageQuerySchema.extend({
  role: AccountRoleSchema.optional(),
  /** Text in the username or the display name. */
  q: z.string().max(64).optional(),
});

/** Without `password` the server generates one and returns it once. */
export const NewAccountSchema = z.object({
  username: UsernameSchema,
  role: AccountRoleSchema,
  displayName: z.string().trim().max(120).optional(),
  driverId: IdSchema.optional(),
  householdId: IdSchema.optional(),
  /** An escort account's escort (one of GET /api/escorts). */
  escortId: IdSchema.optional(),
  password: PasswordSchema.optional(),
});
export type NewAccountInput = z.infer<typeof NewAccountSchema>;

/** Without `password` the server generates one and returns it once. */
export const PasswordResetSchema = z.object({ password: PasswordSchema.optional() });

/** The account, and the generated password when the server made one: shown once, never stored in clear. */
export const AccountWithPasswordSchema = z.object({
  account: AccountSchema,
  generatedPassword: z.string().optional(),
});

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'type your current password').max(PASSWORD_MAX),
  newPassword: PasswordSchema,
});

const AccountIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
const COORDINATOR = ['coordinator'] as const;

/** /api/accounts: the coordinator manages who can log in. */
export const accountsContract = defineContract({
  list: {
    method: 'get',
    path: '/api/accounts',
    summary: 'List accounts (never their passwords), paged, optionally of one role or matching a text',
    tag: 'accounts',
    roles: COORDINATOR,
    query: AccountListQuerySchema,
    responses: { 200: { description: 'a page of accounts', schema: AccountPageSchema } },
  },
  get: {
    method: 'get',
    path: '/api/accounts/:id',
    summary: 'One account',
    tag: 'accounts',
    roles: COORDINATOR,
    params: AccountIdParamsSchema,
    responses: { 200: { description: 'the account', schema: AccountSchema }, 404: { description: 'no such account' } },
  },
  create: {
    method: 'post',
    path: '/api/accounts',
    summary:
      'Create an account: a driver account names an existing driver, a family account an existing household; without a password one is generated and returned once',
    tag: 'accounts',
    roles: COORDINATOR,
    body: NewAccountSchema,
    responses: {
      201: { description: 'created', schema: AccountWithPasswordSchema },
      400: { description: 'bad field (password under 10 characters, missing or unknown driver/household)' },
      409: { description: 'the username is taken' },
    },
  },
  resetPassword: {
    method: 'post',
    path: '/api/accounts/:id/password',
    summary:
      "Set an account's password, or without one generate a one-time password returned once; ends the account's sessions",
    tag: 'accounts',
    roles: COORDINATOR,
    params: AccountIdParamsSchema,
    body: PasswordResetSchema,
    responses: {
      200: { description: 'password set', schema: AccountWithPasswordSchema },
      400: { description: 'password under 10 characters' },
      404: { description: 'no such account' },
    },
  },
  disable: {
    method: 'post',
    path: '/api/accounts/:id/disable',
    summary: 'Disable an account: it cannot log in and its sessions end at once (not your own)',
    tag: 'accounts',
    roles: COORDINATOR,
    params: AccountIdParamsSchema,
    responses: {
      200: { description: 'the account', schema: AccountSchema },
      404: { description: 'no such account' },
      409: { description: 'your own account' },
    },
  },
  enable: {
    method: 'post',
    path: '/api/accounts/:id/enable',
    summary: 'Enable a disabled account: it can log in again',
    tag: 'accounts',
    roles: COORDINATOR,
    params: AccountIdParamsSchema,
    responses: { 200: { description: 'the account', schema: AccountSchema }, 404: { description: 'no such account' } },
  },
  remove: {
    method: 'delete',
    path: '/api/accounts/:id',
    summary: 'Delete an account and end its sessions (not your own)',
    tag: 'accounts',
    roles: COORDINATOR,
    params: AccountIdParamsSchema,
    responses: {
      204: { description: 'deleted' },
      404: { description: 'no such account' },
      409: { description: 'your own account' },
    },
  },
});
