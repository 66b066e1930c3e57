/**
 * Who is calling: set on `req.auth` by the authenticate middleware, read by every scope check.
 */
import { AccountRoleSchema, UserSchema, type AccountRole, type User } from '../contract/accounts.ts';

export const RoleSchema = AccountRoleSchema;
export type Role = AccountRole;
// The user's shape belongs to the API contract (server/contract/accounts.ts); re-exported for the server.
export { UserSchema, type User };

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
