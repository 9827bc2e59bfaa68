import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps';
import { jsonError } from '../http/errors';
import { renderErrorPage, wantsHtmlPage } from '../ui/error-page';
import { isMutating } from './guard';

const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Refuses state-changing requests a browser sends on behalf of another site. Browsers label
 * them (Sec-Fetch-Site, Origin); clients without those headers, such as Duplicati or curl, are not
 * browsers and carry no ambient cookie, so they pass. The expected host is the request's own
 * (as forwarded by a proxy) or PUBLIC_URL's.
 */
export function csrfProtection(deps: AppDeps): MiddlewareHandler {
  const publicHost = deps.config.publicUrl ? hostOf(deps.config.publicUrl) : null;
  return async (c, next) => {
    if (!isMutating(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const ownHosts = [c.req.header('x-forwarded-host')?.split(',')[0]?.trim(), c.req.header('host'), hostOf(c.req.url), publicHost]
      .filter((h): h is string => Boolean(h))
      .map((h) => h.toLowerCase());
    const crossSite = (site !== undefined && !TRUSTED_FETCH_SITES.has(site)) || (origin !== undefined && !ownHosts.includes(hostOf(origin) ?? '\0'));
    if (crossSite) {
      if (wantsHtmlPage(c)) return renderErrorPage(c, deps, { status: 403, title: 'error.crossSite', message: 'error.crossSite.message' });
      return jsonError(c, 403, 'Cross-site request refused: state-changing requests must come from Backwatch’s own pages.', { code: 'csrf_rejected' });
    }
    await next();
  };
}
