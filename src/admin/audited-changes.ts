import type { Context } from 'hono';
import type { AppDeps } from '../deps';
import type { Role } from '../db/schema/index';
import { createApiKey, revokeApiKey, type CreatedApiKey } from '../auth/api-keys';
import { actorOf, currentSession, requestMeta } from '../auth/principal';
import { clearAccountFailures } from '../auth/throttle';
import { UserError, createUser, deleteUser, generatePassword, getUser, setPassword, updateUser, type PublicUser } from '../auth/users';
import { recordAudit, type AuditAction } from './audit';
import { clearErrors, deleteError } from './error-log';

/**
 * Every change the console makes, each with its audit entry, shared by the JSON API
 * (routes/api/admin) and the pages (routes/admin) so both record the same thing.
 */
function audit(deps: AppDeps, c: Context, action: AuditAction, target: string, details?: Record<string, unknown>) {
  return recordAudit(deps.store.db, { action, actor: actorOf(c), target, details, ...requestMeta(deps, c) }, deps.clock());
}

/** Creates an account that must set its own password; returns the one-time password when none was given. */
export async function createAccount(deps: AppDeps, c: Context, input: { username: string; role: Role; password?: string }): Promise<{ user: PublicUser; oneTimePassword?: string }> {
  const password = input.password ?? generatePassword();
  const user = await createUser(deps.store.db, { username: input.username, role: input.role, password, mustChangePassword: true }, deps.clock());
  await audit(deps, c, 'user.create', `user:${user.username}`, { role: user.role });
  return input.password === undefined ? { user, oneTimePassword: password } : { user };
}

export async function changeAccount(deps: AppDeps, c: Context, id: number, change: { role?: Role; disabled?: boolean }): Promise<PublicUser> {
  const { before, after } = await updateUser(deps.store.db, id, change, deps.clock());
  await audit(deps, c, 'user.update', `user:${after.username}`, {
    from: { role: before.role, disabled: Boolean(before.disabledAt) },
    to: { role: after.role, disabled: Boolean(after.disabledAt) },
  });
  return after;
}

/** Issues a one-time password, ends the account's sessions and lifts a lockout. */
export async function resetAccountPassword(deps: AppDeps, c: Context, id: number): Promise<{ username: string; password: string }> {
  const user = await getUser(deps.store.db, id);
  if (!user) throw new UserError('NOT_FOUND', `No user with id ${id}.`);
  const password = generatePassword();
  await setPassword(deps.store.db, user.id, password, true, deps.clock());
  await clearAccountFailures(deps.store.db, user.username);
  await audit(deps, c, 'password.reset', `user:${user.username}`);
  return { username: user.username, password };
}

export async function removeAccount(deps: AppDeps, c: Context, id: number): Promise<void> {
  const user = await deleteUser(deps.store.db, id);
  await audit(deps, c, 'user.delete', `user:${user.username}`, { role: user.role });
}

export async function issueApiKey(deps: AppDeps, c: Context, name: string): Promise<CreatedApiKey> {
  const created = await createApiKey(deps.store.db, name, deps.clock(), currentSession(c)?.user.id ?? null);
  await audit(deps, c, 'apikey.create', `apikey:${created.name}`, { prefix: created.prefix });
  return created;
}

export async function withdrawApiKey(deps: AppDeps, c: Context, id: number): Promise<boolean> {
  if (!(await revokeApiKey(deps.store.db, id, deps.clock()))) return false;
  await audit(deps, c, 'apikey.revoke', `apikey:${id}`);
  return true;
}

export async function deleteErrorEntry(deps: AppDeps, c: Context, id: number): Promise<boolean> {
  if (!(await deleteError(deps.store.db, id))) return false;
  await audit(deps, c, 'log.delete', `error_log:${id}`, { deleted: 1 });
  return true;
}

export async function clearErrorLog(deps: AppDeps, c: Context): Promise<number> {
  const deleted = await clearErrors(deps.store.db);
  await audit(deps, c, 'log.delete', 'error_log', { deleted });
  return deleted;
}
