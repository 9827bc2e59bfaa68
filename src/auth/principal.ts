import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps';
import type { Actor } from '../admin/audit';
import { readSessionCookie } from './cookie';
import { resolveSession, type ActiveSession, type SessionTimeouts } from './sessions';

declare module 'hono' {
  interface ContextVariableMap {
    /** The logged-in account behind the request's session cookie, when there is one. */
    session: ActiveSession | undefined;
  }
}

export const sessionTimeouts = (deps: AppDeps): SessionTimeouts => ({ idleMs: deps.config.sessionIdleMs, absoluteMs: deps.config.sessionMaxMs });

/** Resolves the session cookie once per request; rejecting is the guards' job. */
export function loadSession(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    const token = readSessionCookie(c);
    const session = token ? ((await resolveSession(deps.store.db, deps.secretKey, token, sessionTimeouts(deps), deps.clock())) ?? undefined) : undefined;
    c.set('session', session);
    // Dashboard preferences follow the account rather than the browser (src/ui/prefs-owner.ts).
    if (session) c.set('prefsOwner' as never, `user:${session.user.id}` as never);
    await next();
  };
}

export function currentSession(c: Context): ActiveSession | undefined {
  return c.get('session');
}

/** Who did it, for the audit log. */
export function actorOf(c: Context): Actor {
  const s = currentSession(c);
  return s ? { type: s.user.role, id: s.user.id, name: s.user.username } : { type: 'anonymous' };
}

export function requestMeta(deps: AppDeps, c: Context) {
  return { address: deps.clientAddress(c), userAgent: c.req.header('user-agent') ?? null };
}
