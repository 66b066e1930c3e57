/**
 * Accounts: a coordinator, a driver (linked to a driverId) or a family (linked to a householdId).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import type { Role, User } from '../auth/context.ts';
import { hashPassword } from '../auth/passwords.ts';

export interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  driver_id: string | null;
  household_id: string | null;
  /** An escort account's escort (migration 441). */
  escort_id?: string | null;
  display_name: string;
  /** Set while the account is disabled (migration 110). */
  disabled_at: Date | string | null;
  created_at: Date | string;
}

export const toUser = (r: AccountRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  displayName: r.display_name,
  driverId: r.driver_id,
  householdId: r.household_id,
  ...(r.escort_id ? { escortId: r.escort_id } : {}),
});

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  driverId?: string;
  householdId?: string;
  escortId?: string;
}

/** Creates an account and returns its row (the CLI and the seed use createAccount). */
export async function insertAccount(db: Db, a: NewAccount): Promise<AccountRow> {
  if (a.role === 'driver' && !a.driverId)
    throw new AppError('REQUEST_INVALID', 'driverId: a driver account needs a driver');
  if (a.role === 'family' && !a.householdId)
    throw new AppError('REQUEST_INVALID', 'householdId: a family account needs a household');
  if (a.role === 'escort' && !a.escortId)
    throw new AppError('REQUEST_INVALID', 'escortId: an escort account needs an escort');
  if (await findAccountByUsername(db, a.username)) throw new AppError('CONFLICT', `username: "${a.username}" is taken`);
  const hash = await hashPassword(a.password);
  const { rows } = await db.query<AccountRow>(
    `INSERT INTO accounts (id, username, password_hash, role, driver_id, household_id, display_name, escort_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      randomUUID(),
      a.username,
      hash,
      a.role,
      a.driverId ?? null,
      a.householdId ?? null,
      a.displayName ?? a.username,
      a.escortId ?? null,
    ],
  );
  return rows[0]!;
}

export async function createAccount(db: Db, a: NewAccount): Promise<User> {
  return toUser(await insertAccount(db, a));
}

export async function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username]);
  return rows[0];
}

export async function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
  return rows[0];
}
