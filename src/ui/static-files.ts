import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import type { Config } from '../config';
import { securityHeaders } from '../http/security-headers';
import { PUBLIC_DIR } from './node-assets';
import { STATIC_FILES } from './static-headers';

/**
 * Node only: serves the build output in front of `app` and compresses responses. On Workers the static assets binding
 * serves the same directory, so the Worker entry does not use this. `config` decides HSTS as for pages (PUBLIC_URL).
 */
export function withStaticFiles(app: Hono, opts: { root?: string; config?: Pick<Config, 'publicUrl'> } = {}): Hono {
  const root = opts.root ?? PUBLIC_DIR;
  const outer = new Hono();
  // Workers' edge compresses by itself; on Node pages, JSON and assets are compressed here. Answers to
  // POST and other writes are short acknowledgements, where compressing cost more CPU than storing
  // an upload (bench/RESULTS.md).
  const compressor = compress();
  outer.use('*', (c, next) => (c.req.method === 'GET' ? compressor(c, next) : next()));
  // Static files are answered before `app` runs, so they get the same headers here, from the same list.
  const headers = securityHeaders(opts.config ?? { publicUrl: undefined });
  const serve = serveStatic({ root });
  for (const { path, cacheControl } of STATIC_FILES) {
    outer.use(path, headers, async (c, next) => {
      // serveStatic builds its response before `onFound` runs, so a header set there is lost: set it on the response.
      let missing = false;
      const res = await serve(c, async () => {
        missing = true;
        await next();
      });
      if (missing || !res) return;
      res.headers.set('Cache-Control', cacheControl);
      return res;
    });
  }
  outer.route('/', app);
  return outer;
}
