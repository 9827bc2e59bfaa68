import type { StrategyOptions } from 'workbox-strategies';
import { isUnreachableStatus, markCachedCopy } from '../src/ui/offline-copy';

type WorkboxPlugin = NonNullable<StrategyOptions['plugins']>[number];

/**
 * For the network-first routes of pages and data: every copy stored for offline use carries the
 * time it was fetched (src/ui/offline-copy.ts), so whatever is later served from the cache says so.
 * A gateway answering that the server is unreachable counts as a failed fetch, so the last copy is
 * served instead of the gateway's error page.
 */
export function offlineCopyPlugin(now: () => Date = () => new Date()): WorkboxPlugin {
  return {
    // Workbox's default rule (complete answers and navigation redirects, nothing else), plus the mark.
    // A redirect cannot be copied; it is stored as it is and the page it leads to carries the mark.
    cacheWillUpdate: async ({ response }) => {
      if (response.type === 'opaqueredirect') return response;
      return response.status === 200 ? markCachedCopy(response, now()) : null;
    },
    fetchDidSucceed: async ({ request, response }) => {
      if (isUnreachableStatus(response.status)) throw new Error(`${request.url}: the gateway answered ${response.status}, the server behind it is unreachable`);
      return response;
    },
  };
}
