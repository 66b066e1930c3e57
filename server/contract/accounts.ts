/**
 * The accounts part of the API contract, shared by server and web: what a coordinator sees of an
 * account (never its password hash), what creates one, and the password policy every route
 * applies (at least 10 characters).
 */
import { z } from 'zod';
import { IdSchema } from './domain.ts';

export const AccountRoleSchema = z.enum(['coordinator', 'driver', 'family']);
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/** Who is logged in, as the server and the web see them (what /api/auth/me answers). */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: AccountRoleSchema,
  displayName: z.string(),
  driverId: z.string().nullable(),
  householdId: z.string().nullable(),
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

export const AccountPageSchema = z.object({
  items: z.array(AccountSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const AccountListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
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
