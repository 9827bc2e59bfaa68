import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import builtAssetManifest from 'backwatch:asset-manifest';
import { CLIENT_ENTRY, parseAssetManifest } from '../../src/ui/assets';
import { securityHeaderEntries } from '../../src/http/security-headers';

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

  it.each([
    ['the hashed client entry', `/${parseAssetManifest(builtAssetManifest)[CLIENT_ENTRY]!.file}`, 'public, max-age=31536000, immutable'],
    ['the web app manifest', '/manifest.webmanifest', 'no-cache'],
    ['the service worker', '/sw.js', 'no-cache'],
  ])('answers %s with the security headers of every page, from the generated _headers file', async (_name, path, cacheControl) => {
    const res = await ASSETS.fetch(`https://backwatch.test${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(cacheControl);
    for (const [name, value] of securityHeaderEntries(true)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('does not serve the _headers file itself', async () => {
    expect((await ASSETS.fetch('https://backwatch.test/_headers')).status).toBe(404);
  });

  it('does not serve the build manifest, which the Worker bundles instead, nor the .assetsignore file that hides it', async () => {
    expect((await ASSETS.fetch('https://backwatch.test/.vite/manifest.json')).status).toBe(404);
    expect((await ASSETS.fetch('https://backwatch.test/.assetsignore')).status).toBe(404);
    // The assets it lists are still served.
    expect((await ASSETS.fetch(`https://backwatch.test/${parseAssetManifest(builtAssetManifest)[CLIENT_ENTRY]!.file}`)).status).toBe(200);
  });
});
