/// <reference lib="webworker" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { offlineCopyPlugin } from './offline-copy-plugin';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// App shell: hashed islands and stylesheet, icons, web manifest (list injected at build time).
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Pages and their data: always the server when it answers, the last copy when it cannot be reached.
// Each copy is marked with the time it was fetched, so the page shows "offline — data from HH:MM"
// whenever it or its data came from here (islands/AppShell.tsx, islands/Dashboard.tsx).
const plugins = () => [offlineCopyPlugin(), new ExpirationPlugin({ maxEntries: 50, maxAgeSeconds: 30 * 24 * 3600 })];
registerRoute(new NavigationRoute(new NetworkFirst({ cacheName: 'pages', plugins: plugins() })));
registerRoute(({ url, request }) => request.method === 'GET' && url.pathname.startsWith('/api/ui/'), new NetworkFirst({ cacheName: 'data', plugins: plugins() }));

// The update prompt (workbox-window) asks the waiting worker to take over.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Web push (src/notify/channels/webpush): one notification per job, replaced by the next alert
// for that job (same tag); a click opens or focuses the job page.
type PushPayload = { title?: string; body?: string; tag?: string; url?: string | null };
self.addEventListener('push', (event) => {
  let data: PushPayload = {};
  try {
    data = (event.data?.json() as PushPayload | undefined) ?? {};
  } catch {
    data = { body: event.data?.text() ?? '' };
  }
  event.waitUntil(
    self.registration.showNotification(data.title ?? 'Backwatch', {
      body: data.body ?? '',
      tag: data.tag ?? 'backwatch',
      icon: '/icons/icon-192.png',
      data: { url: data.url ?? '/' },
    }),
  );
});
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === target);
      return open ? open.focus() : self.clients.openWindow(target);
    }),
  );
});
