/**
 * The auth part of the API contract: log in, log out, who am I, change my own password.
 */
import { z } from 'zod';
import { isCleanText } from './checks.ts';
import { PasswordChangeSchema, UserSchema } from './accounts.ts';
import { defineContract } from './define-contract.ts';

const CLEAN = 'contains a NUL byte or a lone surrogate';
export const LoginBodySchema = z.object({
  username: z.string().min(1).max(64).refine(isCleanText, CLEAN),
  password: z.string().min(1).max(200).refine(isCleanText, CLEAN),
});
/** The user, a bearer token, and the CSRF token for cookie-authenticated changes. */
export const LoginResponseSchema = z.object({ user: UserSchema, token: z.string(), csrfToken: z.string() });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export const MeResponseSchema = z.object({ user: UserSchema, csrfToken: z.string() });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const authContract = defineContract({
  login: {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in with username and password; returns a bearer token and sets the session cookie',
    tag: 'auth',
    roles: 'public',
    body: LoginBodySchema,
    responses: {
      200: { description: 'logged in', schema: LoginResponseSchema },
      401: { description: 'wrong username or password' },
      403: { description: 'the account is disabled' },
      429: { description: 'too many attempts; see Retry-After' },
    },
  },
  logout: {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End this session (cookie or bearer token)',
    tag: 'auth',
    roles: ['coordinator', 'driver', 'family'],
    responses: { 204: { description: 'logged out' } },
  },
  me: {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The logged-in user and the CSRF token for cookie-authenticated changes',
    tag: 'auth',
    roles: ['coordinator', 'driver', 'family'],
    responses: { 200: { description: 'the user', schema: MeResponseSchema }, 401: { description: 'not logged in' } },
  },
  changePassword: {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change your own password, giving the current one; your other sessions end, this one stays',
    tag: 'auth',
    roles: ['coordinator', 'driver', 'family'],
    body: PasswordChangeSchema,
    responses: {
      204: { description: 'changed' },
      400: { description: 'the current password is wrong, or the new one is under 10 characters or the same' },
      429: { description: 'too many wrong current passwords; see Retry-After' },
    },
  },
});
