/**
 * Who is calling: set on `req.auth` by the authenticate middleware, read by every scope check.
 */
import { z } from 'zod';

export const RoleSchema = z.enum(['coordinator', 'driver', 'family']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  displayName: z.string(),
  driverId: z.string().nullable(),
  householdId: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export interface AuthContext {
  user: User;
  /** How the caller proved who they are: a cookie needs a CSRF header on unsafe methods, a bearer token does not. */
  via: 'cookie' | 'bearer';
  csrfToken: string;
  tokenHash: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
    }
  }
}
