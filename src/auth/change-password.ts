import type { Context } from 'hono';
import type { AppDeps } from '../deps';
import { recordAudit } from '../admin/audit';
import { checkPasswordPolicy, describePolicyProblems, type PolicyProblem } from './password-policy';
import { verifyPassword } from './password-hash';
import { actorOf, requestMeta, sessionTimeouts } from './principal';
import { createSession, type ActiveSession } from './sessions';
import { checkThrottle, recordFailure } from './throttle';
import { getUser, setPassword } from './users';

export type ChangeOutcome =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; status: 400 | 403 | 429; code: 'INVALID_CREDENTIALS' | 'POLICY_NOT_MET' | 'ACCOUNT_LOCKED' | 'TOO_MANY_ATTEMPTS'; message: string; problems?: PolicyProblem[] };

/**
 * The current password is always required, even right after login, and wrong guesses count
 * towards the same throttle as logins. Every session of the
 * account ends (stolen ones included) and the caller gets a fresh one.
 */
export async function changeOwnPassword(deps: AppDeps, c: Context, { user }: ActiveSession, body: { currentPassword: string; newPassword: string }): Promise<ChangeOutcome> {
  const { db } = deps.store;
  const now = deps.clock();
  const meta = requestMeta(deps, c);
  const keys = { account: user.username, address: meta.address };
  const throttled = await checkThrottle(db, keys, now);
  if (throttled.blocked) {
    return { ok: false, status: 429, code: throttled.lockout ? 'ACCOUNT_LOCKED' : 'TOO_MANY_ATTEMPTS', message: `Too many wrong passwords: wait ${throttled.retryAfterSeconds} seconds.` };
  }
  if (!(await verifyPassword(body.currentPassword, user.passwordHash)).ok) {
    await recordFailure(db, keys, now);
    return { ok: false, status: 403, code: 'INVALID_CREDENTIALS', message: 'The current password is wrong.' };
  }
  const problems = checkPasswordPolicy(body.newPassword, user.username);
  if (body.newPassword === body.currentPassword) problems.push('reused');
  if (problems.length) return { ok: false, status: 400, code: 'POLICY_NOT_MET', message: describePolicyProblems(problems), problems };
  await setPassword(db, user.id, body.newPassword, false, now);
  const session = await createSession(db, deps.secretKey, (await getUser(db, user.id))!, meta, sessionTimeouts(deps), now);
  await recordAudit(db, { action: 'password.change', actor: actorOf(c), target: `user:${user.username}`, ...meta }, now);
  return { ok: true, token: session.token, expiresAt: session.expiresAt };
}
