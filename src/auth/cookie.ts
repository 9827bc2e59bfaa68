import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';

export const SESSION_COOKIE = 'backwatch_session';

/** HTTPS as the browser sees it: directly, behind a TLS-terminating proxy, or per PUBLIC_URL. */
export function isHttps(c: Context, config: Pick<Config, 'publicUrl'>): boolean {
  if (config.publicUrl?.startsWith('https:')) return true;
  if (c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context, config: Config, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, config), path: '/', expires: expiresAt });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, config), path: '/' });
}
