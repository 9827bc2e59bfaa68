import { useEffect, useState } from 'preact/hooks';
import { formatTime } from '../src/ui/format';
import { interpolate } from '../src/ui/i18n/interpolate';
import { cachedAtOfNavigation } from '../src/ui/offline-copy';
import { dataStale, dataTime } from './_state';

export type AppShellProps = {
  generatedAt: string;
  tag: string;
  timeZone: string;
  /** The time zone the server used; when the browser's differs, it is stored in a cookie for next time. */
  messages: { offline: string; update: string; reload: string };
};

const TZ_COOKIE = 'bw_tz';

/**
 * On every page: registers the service worker, offers the reload when a new version waits,
 * shows the offline banner with the time of the data on screen, and tells the server the time zone.
 * The banner shows while the page or its data is the service worker's offline copy (or a refresh
 * could not reach the server), and while the browser says it is offline.
 */
export default function AppShell({ generatedAt, tag, timeZone, messages }: AppShellProps) {
  const [offline, setOffline] = useState(false);
  const [update, setUpdate] = useState<null | (() => void)>(null);

  useEffect(() => {
    // Once per page, unless an island has fetched newer data first. A page served from the
    // offline copy carries the time that copy was fetched in its navigation timing (static/sw.ts).
    if (dataTime.value === null) {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const copiedAt = cachedAtOfNavigation(navigation?.serverTiming ?? []);
      dataTime.value = copiedAt ?? generatedAt;
      dataStale.value = copiedAt !== null;
    }
    const sync = () => setOffline(!navigator.onLine);
    sync();
    addEventListener('online', sync);
    addEventListener('offline', sync);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== timeZone) document.cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    // Registered once the page has loaded, so installing (and precaching) never competes with it.
    const register = () => {
      void import('workbox-window').then(({ Workbox }) => {
        const wb = new Workbox('/sw.js');
        wb.addEventListener('waiting', () => {
          setUpdate(() => () => {
            wb.addEventListener('controlling', () => location.reload());
            wb.messageSkipWaiting();
          });
        });
        void wb.register();
      });
    };
    if ('serviceWorker' in navigator) {
      if (document.readyState === 'complete') register();
      else addEventListener('load', register, { once: true });
    }
    return () => {
      removeEventListener('online', sync);
      removeEventListener('offline', sync);
    };
  }, []);

  return (
    <div class="shell-banners" aria-live="polite">
      {(offline || dataStale.value) && (
        <p class="banner banner-offline" role="status">
          {interpolate(messages.offline, { time: formatTime(tag, dataTime.value ?? generatedAt, timeZone) })}
        </p>
      )}
      {update && (
        <p class="banner banner-update" role="status">
          {messages.update}{' '}
          <button type="button" class="button" onClick={update}>{messages.reload}</button>
        </p>
      )}
    </div>
  );
}
