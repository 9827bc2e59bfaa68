/**
 * The offline copies the service worker keeps of pages and their data (static/sw.ts), and how the
 * page recognises one. A copy is stored with the time it was fetched; an answer that carries that
 * mark came from the cache because the server could not be reached, so the page says how old its
 * data is. navigator.onLine cannot tell: it stays true when the network is up but the server is not.
 */

/** On a stored copy: when it was fetched (ISO 8601, the browser's clock). Readable by fetch(). */
export const CACHED_AT_HEADER = 'X-Backwatch-Cached-At';
/** The same time as a Server-Timing entry: a page cannot read its own headers, only its navigation timing. */
export const CACHED_AT_TIMING = 'backwatch-cached-at';

/**
 * Answers from a gateway in front of the server saying the server behind it could not be reached
 * (reverse proxies, Cloudflare Tunnel). The service worker treats them like a failed connection.
 * 503 is left out: Backwatch itself answers 503 with instructions (database schema behind).
 */
const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([
  502, // Bad Gateway
  504, // Gateway Timeout
  521, 522, 523, // Cloudflare: origin refused, timed out, unreachable
  530, // Cloudflare: tunnel or origin not found
]);

export function isUnreachableStatus(status: number): boolean {
  return UNREACHABLE_STATUSES.has(status);
}

/** A copy of `response` to store for offline use, marked with the time it was fetched. */
export function markCachedCopy(response: Response, fetchedAt: Date): Response {
  const at = fetchedAt.toISOString();
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT_HEADER, at);
  headers.append('Server-Timing', `${CACHED_AT_TIMING};desc="${at}"`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** When the copy this fetch() answer came from was fetched; null for an answer from the server. */
export function cachedAtOfResponse(headers: Headers): string | null {
  return isoTime(headers.get(CACHED_AT_HEADER));
}

/**
 * When the copy this page came from was fetched; null for a page from the server. Takes the
 * navigation's `serverTiming` (performance.getEntriesByType('navigation')).
 */
export function cachedAtOfNavigation(serverTiming: readonly { name: string; description: string }[]): string | null {
  return isoTime(serverTiming.find((entry) => entry.name === CACHED_AT_TIMING)?.description);
}
