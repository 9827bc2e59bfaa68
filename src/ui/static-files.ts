import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { PUBLIC_DIR } from './node-assets';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Node only: serves the build output in front of `app` and compresses responses. On Workers the static assets binding
 * serves the same directory, so the Worker entry does not use this.
 */
export function withStaticFiles(app: Hono, root = PUBLIC_DIR): Hono {
  const outer = new Hono();
  // Workers' edge compresses by itself; on Node pages, JSON and assets are compressed here.
  outer.use('*', compress());
  // Hashed names never change content; everything else must revalidate (sw.js above all).
  outer.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', IMMUTABLE) }));
  for (const path of ['/sw.js', '/manifest.webmanifest', '/icons/*', '/favicon.ico', '/robots.txt']) {
    outer.use(path, serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', 'no-cache') }));
  }
  outer.route('/', app);
  return outer;
}
