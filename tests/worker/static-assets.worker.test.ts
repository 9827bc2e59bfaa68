import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import builtAssetManifest from 'backwatch:asset-manifest';
import { CLIENT_ENTRY, parseAssetManifest } from '../../src/ui/assets';

// Static assets come from `npm run build` (dist/public) through [assets] in wrangler.toml. In
// production they are answered before the Worker runs; the test runner does not route requests that
// way, so these go to the ASSETS binding, which serves the same directory.
const ASSETS = env.ASSETS as unknown as { fetch(url: string): Promise<Response> };

describe('the Worker with static assets', () => {
  it('serves the web app manifest from the front-end build', async () => {
    const res = await ASSETS.fetch('https://backwatch.test/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('name');
  });

  it('serves the hashed client entry that the bundled build manifest names', async () => {
    const entry = parseAssetManifest(builtAssetManifest)[CLIENT_ENTRY];
    expect(entry?.file).toMatch(/^assets\/.+\.js$/);
    const res = await ASSETS.fetch(`https://backwatch.test/${entry!.file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
  });
});
