import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createTestApp, manualClock } from '../../support/test-app';
import { loadNodeAssetManifest } from '../../../src/ui/node-assets';
import { withStaticFiles } from '../../../src/ui/static-files';

/**
 * The real app with the front-end build (npm run build) and static files, listening on a port the
 * OS picks, on a fresh libSQL file. `url` is http://127.0.0.1:<port>, a secure context for service workers.
 * `publicDir` serves a copy of the build instead (a test that deploys a "new version" edits it).
 */
export async function startE2eServer(opts: { clock?: ReturnType<typeof manualClock>; env?: Record<string, string>; publicDir?: string } = {}) {
  // The browser judges cookie expiry by its own clock, so the app's clock starts at the real now.
  const clock = opts.clock ?? manualClock(new Date().toISOString());
  const test = await createTestApp({ env: opts.env, clock, deps: { assets: loadNodeAssetManifest(opts.publicDir) } });
  const app = withStaticFiles(test.app, { root: opts.publicDir, config: test.deps.config });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...test,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await test.settle();
      test.close();
    },
  };
}
export type E2eServer = Awaited<ReturnType<typeof startE2eServer>>;
