import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../auth/secrets';

/** Cookie naming an anonymous visitor's preferences while pages are not behind accounts. */
export const VISITOR_COOKIE = 'bw_visitor';
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Whose preferences a request reads and writes: the signed-in user (`user:<id>`, set on the
 * context as `prefsOwner` by the session middleware) or else a visitor cookie.
 * `create` issues the cookie, which only a write needs.
 */
export function prefsOwner(c: Context, create = false): string | null {
  const user = c.get('prefsOwner' as never) as string | undefined;
  if (user) return user;
  const visitor = getCookie(c, VISITOR_COOKIE);
  if (visitor && VISITOR_ID.test(visitor)) return `visitor:${visitor}`;
  if (!create) return null;
  const id = randomToken(18);
  setCookie(c, VISITOR_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 400 * 24 * 3600,
  });
  return `visitor:${id}`;
}
