/**
 * What a coordinator does with accounts from the app: list, create (linked to an existing driver
 * or household), reset a password, disable and enable, delete. Every change ends the sessions it
 * must end, in the database and in this process's session cache, and is written to the audit log
 * (who, what, which account; never a password).
 */
import type { User } from '../auth/context.ts';
import { findAccountById, insertAccount, toUser, type AccountRow } from './accounts.ts';
import { passwordStrength } from '../auth/password-strength.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { deleteSessionsOfAccount } from '../auth/sessions.ts';
import { audit } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Account, NewAccountInput } from '../contract/accounts.ts';
import type { Db } from '../db/db.ts';
import { getEntity } from '../entities/store.ts';
import { escortExists } from '../escorts/store.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';

export interface AccountAdminDeps {
  db: Db;
  clock: Clock;
  sessions: SessionCache;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export const toAccount = (r: AccountRow): Account => ({
  ...toUser(r),
  disabledAt: iso(r.disabled_at),
  createdAt: iso(r.created_at)!,
});

export async function listAccounts(
  db: Db,
  q: { page: number; pageSize: number; role?: string; q?: string },
): Promise<{ items: Account[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.role) {
    params.push(q.role);
    where.push(`role = $${params.length}`);
  }
  if (q.q) {
    params.push(`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(lower(username) LIKE $${params.length} OR lower(display_name) LIKE $${params.length})`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts ${w}`, params)).rows[0]!.n;
  const { rows } = await db.query<AccountRow>(
    `SELECT * FROM accounts ${w} ORDER BY role, username LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  return { items: rows.map(toAccount), total };
}

export async function requireAccount(db: Db, id: string): Promise<AccountRow> {
  const row = await findAccountById(db, id);
  if (!row) throw notFound('account', id);
  return row;
}

/**
 * A driver account names an existing driver, a family account an existing household, an escort
 * account an existing escort (server/escorts/), a coordinator none; no account names another kind.
 */
export async function checkLinks(
  db: Db,
  a: Pick<NewAccountInput, 'role' | 'driverId' | 'householdId' | 'escortId'>,
): Promise<void> {
  if (a.role !== 'escort' && a.escortId)
    throw invalid('escortId', `a ${a.role} account is linked to no escort`, a.escortId);
  if (a.role === 'escort') {
    if (a.driverId) throw invalid('driverId', 'an escort account is linked to an escort, not a driver', a.driverId);
    if (a.householdId)
      throw invalid('householdId', 'an escort account is linked to an escort, not a household', a.householdId);
    if (!a.escortId) throw invalid('escortId', 'an escort account needs the id of an existing escort', a.escortId);
    if (!(await escortExists(db, a.escortId)))
      throw invalid('escortId', `no escort with id "${a.escortId}"`, a.escortId);
  } else if (a.role === 'driver') {
    if (a.householdId)
      throw invalid('householdId', 'a driver account is linked to a driver, not a household', a.householdId);
    if (!a.driverId) throw invalid('driverId', 'a driver account needs the id of an existing driver', a.driverId);
    if (!(await getEntity(db, 'driver', a.driverId)))
      throw invalid('driverId', `no driver with id "${a.driverId}"`, a.driverId);
  } else if (a.role === 'family') {
    if (a.driverId) throw invalid('driverId', 'a family account is linked to a household, not a driver', a.driverId);
    if (!a.householdId)
      throw invalid('householdId', 'a family account needs the id of an existing household', a.householdId);
    if (!(await getEntity(db, 'household', a.householdId)))
      throw invalid('householdId', `no household with id "${a.householdId}"`, a.householdId);
  } else {
    if (a.driverId) throw invalid('driverId', 'a coordinator account is linked to no driver', a.driverId);
    if (a.householdId) throw invalid('householdId', 'a coordinator account is linked to no household', a.householdId);
  }
}

const taken = (username: string) =>
  new AppError('CONFLICT', `username: "${username}" is already taken; choose another`, [
    { path: 'username', message: 'already taken', value: username },
  ]);

export async function createManagedAccount(
  deps: AccountAdminDeps,
  actor: User,
  input: NewAccountInput,
): Promise<{ account: Account; generatedPassword?: string }> {
  const { db, clock } = deps;
  await checkLinks(db, input);
  const { rows: same } = await db.query('SELECT 1 FROM accounts WHERE lower(username) = lower($1)', [input.username]);
  if (same.length > 0) throw taken(input.username);
  if (input.password !== undefined)
    requireStrongPassword(input.password, [input.username, input.displayName ?? undefined], 'password');
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  let row: AccountRow;
  try {
    row = await insertAccount(db, {
      username: input.username,
      password: input.password ?? generatedPassword!,
      role: input.role,
      displayName: input.displayName || undefined,
      driverId: input.driverId,
      householdId: input.householdId,
      escortId: input.escortId,
    });
  } catch (e) {
    // Two coordinators creating the same name at once: the UNIQUE constraint decides.
    if ((e as { code?: string }).code === '23505') throw taken(input.username);
    throw e;
  }
  await audit(db, clock, actor, 'create', 'account', row.id);
  return { account: toAccount(row), ...(generatedPassword ? { generatedPassword } : {}) };
}

/** Refuses a password zxcvbn-ts rates guessable (the account's names and the app's name count against it). */
export function requireStrongPassword(password: string, words: (string | undefined)[], field: string): void {
  const strength = passwordStrength(password, words);
  if (!strength.ok)
    throw new AppError('REQUEST_INVALID', `${field}: ${strength.reason}`, [
      { path: field, message: strength.reason ?? 'too easy to guess' },
    ]);
}

/** Sets an account's password and ends its sessions but `keepTokenHash`, in the database and this process's cache; audited. */
export async function setPasswordAndEndSessions(
  deps: AccountAdminDeps,
  actor: User,
  id: string,
  password: string,
  keepTokenHash?: string,
): Promise<void> {
  await deps.db.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [id, await hashPassword(password)]);
  await deleteSessionsOfAccount(deps.db, id, keepTokenHash);
  deps.sessions.forgetAccount(id, keepTokenHash);
  await audit(deps.db, deps.clock, actor, 'password', 'account', id);
}

/** Sets the password the coordinator chose, or a generated one returned once; ends the account's sessions. */
export async function resetPassword(
  deps: AccountAdminDeps,
  actor: User,
  id: string,
  password: string | undefined,
  /** The session the actor is using: kept when they reset their own password. */
  actorTokenHash: string,
): Promise<{ account: Account; generatedPassword?: string }> {
  const row = await requireAccount(deps.db, id);
  if (password !== undefined) requireStrongPassword(password, [row.username, row.display_name], 'password');
  const generatedPassword = password === undefined ? generatePassword() : undefined;
  // A coordinator resetting their own password keeps the session they are using.
  await setPasswordAndEndSessions(
    deps,
    actor,
    id,
    password ?? generatedPassword!,
    row.id === actor.id ? actorTokenHash : undefined,
  );
  return { account: toAccount(row), ...(generatedPassword ? { generatedPassword } : {}) };
}

function notYourself(actor: User, id: string, what: 'disable' | 'delete'): void {
  if (actor.id === id) {
    throw new AppError('CONFLICT', `you cannot ${what} your own account (${actor.username}); another coordinator can`, [
      { path: 'id', message: `cannot ${what} yourself`, value: id },
    ]);
  }
}

/** A disabled account cannot log in and its sessions end at once; enabling lets it log in again. */
export async function setDisabled(
  deps: AccountAdminDeps,
  actor: User,
  id: string,
  disabled: boolean,
): Promise<Account> {
  const { db, clock, sessions } = deps;
  if (disabled) notYourself(actor, id, 'disable');
  const row = await requireAccount(db, id);
  const { rows } = await db.query<AccountRow>(
    // Disabling twice keeps the first time; enabling clears it.
    'UPDATE accounts SET disabled_at = CASE WHEN $2::boolean THEN coalesce(disabled_at, $3::timestamptz) END WHERE id = $1 RETURNING *',
    [id, disabled, clock.now().toISOString()],
  );
  if (disabled) {
    await deleteSessionsOfAccount(db, id);
    sessions.forgetAccount(id);
  }
  if (disabled !== (row.disabled_at !== null))
    await audit(db, clock, actor, disabled ? 'disable' : 'enable', 'account', id);
  return toAccount(rows[0]!);
}

export async function deleteManagedAccount(deps: AccountAdminDeps, actor: User, id: string): Promise<void> {
  const { db, clock, sessions } = deps;
  notYourself(actor, id, 'delete');
  await requireAccount(db, id);
  await db.query('DELETE FROM accounts WHERE id = $1', [id]);
  sessions.forgetAccount(id);
  await audit(db, clock, actor, 'delete', 'account', id);
}
