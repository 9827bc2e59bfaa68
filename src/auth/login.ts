import { eq } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { users } from '../db/schema/index';
import { recordAudit } from '../admin/audit';
import { verifyAgainstDecoy, verifyPassword } from './password-hash';
import { createSession, type SessionMeta } from './sessions';
import { checkThrottle, clearAccountFailures, recordFailure } from './throttle';
import { findUserByName, normalizeUsername, upgradePasswordHash, type UserRow } from './users';
import { sessionTimeouts } from './principal';

export type LoginOutcome =
  | { ok: true; user: UserRow; token: string; expiresAt: Date }
  | { ok: false; code: 'INVALID_CREDENTIALS' }
  | { ok: false; code: 'ACCOUNT_LOCKED' | 'TOO_MANY_ATTEMPTS'; retryAfterSeconds: number };

/**
 * Checks credentials behind the throttle. Unknown, disabled and wrong-password attempts get the
 * same answer after the same hashing work; only the audit log says which it was.
 */
export async function login(deps: AppDeps, credentials: { username: string; password: string }, meta: SessionMeta): Promise<LoginOutcome> {
  const { db } = deps.store;
  const now = deps.clock();
  const account = normalizeUsername(credentials.username).slice(0, 100);
  const keys = { account, address: meta.address };
  const failure = (reason: string) =>
    recordAudit(db, { action: 'login.failure', actor: { type: 'anonymous', name: account }, target: account, ...meta, details: { reason } }, now);

  const throttled = await checkThrottle(db, keys, now);
  if (throttled.blocked) {
    await failure(throttled.lockout ? 'locked' : 'throttled');
    return { ok: false, code: throttled.lockout ? 'ACCOUNT_LOCKED' : 'TOO_MANY_ATTEMPTS', retryAfterSeconds: throttled.retryAfterSeconds };
  }

  const user = await findUserByName(db, account);
  const verdict = user && !user.disabledAt ? await verifyPassword(credentials.password, user.passwordHash) : (await verifyAgainstDecoy(credentials.password), null);
  if (!user || !verdict?.ok) {
    await recordFailure(db, keys, now);
    await failure(!user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password');
    return { ok: false, code: 'INVALID_CREDENTIALS' };
  }

  await clearAccountFailures(db, account);
  if (verdict.needsRehash) await upgradePasswordHash(db, user.id, credentials.password);
  await db.update(users).set({ lastLoginAt: now.toISOString(), lastSeenAt: now.toISOString() }).where(eq(users.id, user.id));
  const session = await createSession(db, deps.secretKey, user, meta, sessionTimeouts(deps), now);
  await recordAudit(db, { action: 'login.success', actor: { type: user.role, id: user.id, name: user.username }, ...meta }, now);
  return { ok: true, user, token: session.token, expiresAt: session.expiresAt };
}
