import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { sessions, users, type Role } from '../db/schema/index';
import { hashPassword } from './password-hash';
import { randomToken } from './secrets';

export const ROLES: readonly Role[] = ['viewer', 'user', 'admin'];
export const FIRST_ADMIN = 'admin';

/** Ranks roles so a guard can ask "at least user". */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export const normalizeUsername = (name: string) => name.trim().toLowerCase();

export type UserRow = typeof users.$inferSelect;
/** What may leave the server about an account: never the hash. */
export type PublicUser = Omit<UserRow, 'passwordHash'>;

export function publicUser({ passwordHash: _hash, ...rest }: UserRow): PublicUser {
  return rest;
}

export async function findUserByName(db: Database, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, normalizeUsername(username)));
  return row;
}

export async function getUser(db: Database, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(db: Database): Promise<PublicUser[]> {
  return (await db.select().from(users).orderBy(asc(users.username))).map(publicUser);
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  return Number(row?.n ?? 0);
}

/** A one-time password handed to a person, who must replace it at first login. */
export function generatePassword(): string {
  return randomToken(18);
}

export class UserError extends Error {
  constructor(readonly code: 'USERNAME_TAKEN' | 'LAST_ADMIN' | 'NOT_FOUND' | 'INVALID_USERNAME', message: string) {
    super(message);
  }
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export async function createUser(
  db: Database,
  input: { username: string; role: Role; password: string; mustChangePassword: boolean },
  now: Date,
): Promise<PublicUser> {
  const username = normalizeUsername(input.username);
  if (!USERNAME.test(username)) {
    throw new UserError('INVALID_USERNAME', 'A username has 2 to 64 characters: letters, digits, dot, dash, underscore or @, starting with a letter or digit.');
  }
  const at = now.toISOString();
  const [row] = await db
    .insert(users)
    .values({ username, role: input.role, passwordHash: await hashPassword(input.password), mustChangePassword: input.mustChangePassword, createdAt: at, updatedAt: at, passwordChangedAt: at })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new UserError('USERNAME_TAKEN', `The username "${username}" is already taken.`);
  return publicUser(row);
}

async function otherEnabledAdmins(db: Database, id: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, id)));
  return Number(row?.n ?? 0);
}

/** Refuses any change that would leave no enabled admin, so the console can never lock itself out. */
async function keepAnAdmin(db: Database, target: UserRow, change: { role?: Role; disable?: boolean; remove?: boolean }) {
  const losesAdmin = target.role === 'admin' && !target.disabledAt && (change.remove || change.disable || (change.role && change.role !== 'admin'));
  if (losesAdmin && (await otherEnabledAdmins(db, target.id)) === 0) {
    throw new UserError('LAST_ADMIN', `"${target.username}" is the last enabled admin: make another user admin first.`);
  }
}

async function requireUser(db: Database, id: number): Promise<UserRow> {
  const user = await getUser(db, id);
  if (!user) throw new UserError('NOT_FOUND', `No user with id ${id}.`);
  return user;
}

export async function updateUser(db: Database, id: number, change: { role?: Role; disabled?: boolean }, now: Date): Promise<{ before: UserRow; after: PublicUser }> {
  const before = await requireUser(db, id);
  await keepAnAdmin(db, before, { role: change.role, disable: change.disabled === true });
  const set: Partial<UserRow> = { updatedAt: now.toISOString() };
  if (change.role) set.role = change.role;
  if (change.disabled !== undefined) set.disabledAt = change.disabled ? (before.disabledAt ?? now.toISOString()) : null;
  const [after] = await db.update(users).set(set).where(eq(users.id, id)).returning();
  if (change.disabled) await db.delete(sessions).where(eq(sessions.userId, id));
  return { before, after: publicUser(after!) };
}

export async function deleteUser(db: Database, id: number): Promise<UserRow> {
  const user = await requireUser(db, id);
  await keepAnAdmin(db, user, { remove: true });
  await db.delete(sessions).where(eq(sessions.userId, id));
  await db.delete(users).where(eq(users.id, id));
  return user;
}

/**
 * Stores a new password and ends every session of the account, so a stolen session dies with the
 * old password. `mustChange` marks an admin-issued one-time password.
 */
export async function setPassword(db: Database, id: number, password: string, mustChange: boolean, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.batch([
    db.update(users).set({ passwordHash: await hashPassword(password), mustChangePassword: mustChange, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, id)),
    db.delete(sessions).where(eq(sessions.userId, id)),
  ]);
}

/** Replaces a hash made with older parameters; the password was just verified. */
export async function upgradePasswordHash(db: Database, id: number, password: string): Promise<void> {
  await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, id));
}

export type FirstRun = { created: false } | { created: true; username: string; password: string; generated: boolean };

/**
 * On an empty instance, creates `admin` with ADMIN_PASSWORD or a generated password; either way
 * it must be changed at first login. Safe to call on every start and from concurrent isolates.
 */
export async function ensureFirstAdmin(db: Database, adminPassword: string | undefined, now: Date): Promise<FirstRun> {
  if ((await countUsers(db)) > 0) return { created: false };
  const password = adminPassword ?? generatePassword();
  try {
    await createUser(db, { username: FIRST_ADMIN, role: 'admin', password, mustChangePassword: true }, now);
  } catch (err) {
    if (err instanceof UserError && err.code === 'USERNAME_TAKEN') return { created: false };
    throw err;
  }
  return { created: true, username: FIRST_ADMIN, password, generated: adminPassword === undefined };
}

/** The one line that tells the operator how to log in the first time; the password appears only here, once. */
export function firstAdminNotice(run: Extract<FirstRun, { created: true }>): string {
  return run.generated
    ? `First run: created user "${run.username}" with the one-time password ${run.password} (shown only now; it must be changed at first login).`
    : `First run: created user "${run.username}" with the password from ADMIN_PASSWORD; it must be changed at first login.`;
}
