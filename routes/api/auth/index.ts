import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../../src/deps';
import { recordAudit } from '../../../src/admin/audit';
import { clearSessionCookie, setSessionCookie } from '../../../src/auth/cookie';
import { changeOwnPassword } from '../../../src/auth/change-password';
import { login } from '../../../src/auth/login';
import { actorOf, currentSession, requestMeta } from '../../../src/auth/principal';
import { endSession, listUserSessions, revokeOtherSessions, revokeSession } from '../../../src/auth/sessions';
import { publicUser } from '../../../src/auth/users';
import { jsonError } from '../../../src/http/errors';
import { readJsonBody } from '../../../src/http/json-body';

const loginBody = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) });
const changeBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) });

function loggedIn(c: Context) {
  const s = currentSession(c);
  if (!s) throw new Error('auth route reached without a session; the guard must run first');
  return s;
}

/**
 * duplistatus-compatible account API: login, logout, me, change-password, plus the caller's own
 * sessions. Access is decided by the app-wide guard (login is public, the rest self-service).
 */
export function authRoutes(deps: AppDeps) {
  const { db } = deps.store;

  return new Hono()
    .post('/login', async (c) => {
      const body = await readJsonBody(c, loginBody);
      const outcome = await login(deps, body, requestMeta(deps, c));
      if (!outcome.ok) {
        if (outcome.code === 'INVALID_CREDENTIALS') return jsonError(c, 401, 'Wrong username or password.', { code: outcome.code });
        c.header('Retry-After', String(outcome.retryAfterSeconds));
        const message = outcome.code === 'ACCOUNT_LOCKED'
          ? `Too many failed logins: this account is locked; try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.`
          : `Too many failed logins: wait ${outcome.retryAfterSeconds} seconds before trying again.`;
        return jsonError(c, 429, message, { code: outcome.code, retryAfterSeconds: outcome.retryAfterSeconds });
      }
      setSessionCookie(c, deps.config, outcome.token, outcome.expiresAt);
      return c.json({ user: publicUser(outcome.user), mustChangePassword: outcome.user.mustChangePassword });
    })
    .post('/logout', async (c) => {
      const s = loggedIn(c);
      await endSession(db, s.session.id);
      await recordAudit(db, { action: 'logout', actor: actorOf(c), ...requestMeta(deps, c) }, deps.clock());
      clearSessionCookie(c, deps.config);
      return c.json({ ok: true });
    })
    .get('/me', (c) => {
      const s = loggedIn(c);
      return c.json({ user: publicUser(s.user), mustChangePassword: s.user.mustChangePassword, session: { createdAt: s.session.createdAt, expiresAt: s.session.expiresAt } });
    })
    .post('/change-password', async (c) => {
      const body = await readJsonBody(c, changeBody);
      const result = await changeOwnPassword(deps, c, loggedIn(c), body);
      if (!result.ok) return jsonError(c, result.status, result.message, { code: result.code, ...(result.problems ? { problems: result.problems } : {}) });
      setSessionCookie(c, deps.config, result.token, result.expiresAt);
      return c.json({ ok: true });
    })
    .get('/sessions', async (c) => {
      const s = loggedIn(c);
      const rows = await listUserSessions(db, s.user.id);
      return c.json({ sessions: rows.map((r) => ({ ...r, current: r.id === s.session.id })) });
    })
    .delete('/sessions/:id', async (c) => {
      const s = loggedIn(c);
      const id = c.req.param('id');
      if (!(await revokeSession(db, s.user.id, id))) return jsonError(c, 404, 'No such session of yours.');
      await recordAudit(db, { action: 'session.revoke', actor: actorOf(c), target: `session:${id.slice(0, 12)}`, ...requestMeta(deps, c) }, deps.clock());
      if (id === s.session.id) clearSessionCookie(c, deps.config);
      return c.json({ ok: true });
    })
    .post('/sessions/revoke-others', async (c) => {
      const s = loggedIn(c);
      const revoked = await revokeOtherSessions(db, s.user.id, s.session.id);
      await recordAudit(db, { action: 'session.revoke', actor: actorOf(c), target: 'other sessions', details: { revoked }, ...requestMeta(deps, c) }, deps.clock());
      return c.json({ revoked });
    });
}
