import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../db/schema/index';
import type { AppDeps } from '../deps';
import { jsonError } from '../http/errors';
import { renderErrorPage, wantsHtmlPage } from '../ui/error-page';
import { currentSession } from './principal';
import { roleAtLeast } from './users';

/**
 * The role model in one place. Every route group is guarded by one of these middlewares;
 * `privateByDefault` is mounted for the whole app so a route nobody guarded is still private.
 */

/** Reachable without logging in: Duplicati's upload, probes, the login page and API, static assets. */
export const PUBLIC_PATHS = [
  '/api/upload',
  '/api/upload/*',
  '/api/health',
  '/api/ping',
  '/api/auth/login',
  '/login',
  '/assets/*',
  '/static/*',
  '/icons/*',
  '/favicon.ico',
  '/manifest.webmanifest',
  '/sw.js',
  '/robots.txt',
];

/** Groups with their own access rule (the read API also takes API keys or may be public). */
export const DELEGATED_PATHS = ['/api/summary', '/api/lastbackup/*', '/api/lastbackups/*'];

/** State-changing requests every role, viewers included, may make about their own account. */
export const SELF_SERVICE_PATHS = ['/api/auth/logout', '/api/auth/change-password', '/api/auth/sessions', '/api/auth/sessions/*', '/logout', '/change-password', '/account', '/account/*', '/prefs'];

/** What an account that must change its password may still reach. */
const WHILE_PASSWORD_CHANGE_REQUIRED = ['/api/auth/change-password', '/api/auth/logout', '/change-password', '/logout'];

export function matchesPath(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('/*') ? path.startsWith(p.slice(0, -1)) : path === p));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isMutating = (method: string) => !SAFE_METHODS.has(method.toUpperCase());
const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

export type Access = { read: Role; write: Role };

type Denial =
  | { status: 401; code: 'authentication_required'; message: string }
  | { status: 403; code: 'password_change_required'; message: string }
  | { status: 403; code: 'forbidden'; message: string; needed: Role; role: Role };

function decide(c: Context, access: Access): Denial | null {
  const session = currentSession(c);
  if (!session) return { status: 401, code: 'authentication_required', message: 'Log in first: POST /api/auth/login with {username, password}.' };
  if (session.user.mustChangePassword && !matchesPath(c.req.path, WHILE_PASSWORD_CHANGE_REQUIRED)) {
    return { status: 403, code: 'password_change_required', message: 'This account must change its password first: POST /api/auth/change-password with {currentPassword, newPassword}.' };
  }
  const needed = isMutating(c.req.method) ? access.write : access.read;
  if (!roleAtLeast(session.user.role, needed)) {
    return { status: 403, code: 'forbidden', message: `This needs the ${needed} role; your account is ${session.user.role}.`, needed, role: session.user.role };
  }
  return null;
}

function deny(deps: AppDeps, c: Context, d: Denial) {
  if (isApi(c.req.path)) return jsonError(c, d.status, d.message, { code: d.code });
  if (d.code === 'authentication_required') {
    const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}` : '';
    return c.redirect(`/login${next}`, 302);
  }
  if (d.code === 'password_change_required') return c.redirect('/change-password', 302);
  if (!wantsHtmlPage(c)) return jsonError(c, d.status, d.message, { code: d.code });
  const { needed, role } = d;
  return renderErrorPage(c, deps, {
    status: 403,
    title: 'error.forbidden',
    message: 'error.forbidden.message',
    params: (t) => ({ needed: t(`admin.role.${needed}`), role: t(`admin.role.${role}`) }),
  });
}

/**
 * JSON APIs answer 401/403 `{error, code}`; pages redirect to /login or /change-password, and a
 * role that is not enough gets a 403 page in the visitor's language.
 */
export function guard(deps: AppDeps, access: Access): MiddlewareHandler {
  return async (c, next) => {
    const denial = decide(c, access);
    if (denial) return deny(deps, c, denial);
    await next();
  };
}

/** The same role for reading and writing, e.g. `requireRole(deps, 'admin')` for the console. */
export function requireRole(deps: AppDeps, role: Role): MiddlewareHandler {
  return guard(deps, { read: role, write: role });
}

/** Pages use the same rule; the name says at the mount point that anonymous visitors are redirected. */
export const requirePageRole = requireRole;

/**
 * Mounted once for the whole app: public paths pass, delegated groups decide themselves (but a
 * logged-in account that must change its password is still stopped), self-service account
 * actions need any login, and everything else needs viewer to read and user to change.
 */
export function privateByDefault(deps: AppDeps): MiddlewareHandler {
  const defaultAccess = guard(deps, { read: 'viewer', write: 'user' });
  const anyLogin = guard(deps, { read: 'viewer', write: 'viewer' });
  return async (c, next) => {
    const path = c.req.path;
    if (matchesPath(path, PUBLIC_PATHS)) return next();
    if (matchesPath(path, DELEGATED_PATHS)) {
      const session = currentSession(c);
      if (session?.user.mustChangePassword) return deny(deps, c, decide(c, { read: 'viewer', write: 'viewer' })!);
      return next();
    }
    if (matchesPath(path, SELF_SERVICE_PATHS)) return anyLogin(c, next);
    return defaultAccess(c, next);
  };
}
