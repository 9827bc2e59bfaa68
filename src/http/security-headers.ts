import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config';
import { isHttps } from '../auth/cookie';

/** No inline script anywhere: every script is a file from this origin (islands, service worker). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The one list of security headers: pages and API through `securityHeaders`, static files on Node
 * (src/ui/static-files.ts) and the Workers `_headers` file (src/ui/static-headers.ts) all read it.
 * HSTS only over HTTPS, as the browser sees the connection.
 */
export function securityHeaderEntries(https: boolean): [name: string, value: string][] {
  const entries: [string, string][] = [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
  ];
  if (https) entries.push(['Strict-Transport-Security', 'max-age=31536000']);
  return entries;
}

/** Set on every response that passes through it, after the handler ran. */
export function securityHeaders(config: Pick<Config, 'publicUrl'>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of securityHeaderEntries(isHttps(c, config))) c.res.headers.set(name, value);
  };
}
