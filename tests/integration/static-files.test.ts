import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, UPLOAD_TOKEN } from '../support/test-app';
import { fixtureText } from '../support/fixtures';
import { CLIENT_ENTRY } from '../../src/ui/assets';
import { loadNodeAssetManifest, PUBLIC_DIR } from '../../src/ui/node-assets';
import { withStaticFiles } from '../../src/ui/static-files';
import { WORKERS_HEADERS_FILE, workersHeadersFile } from '../../src/ui/static-headers';

// Runs against the front-end build (npm test builds first), served as the Node entry serves it.
const hashedEntry = `/${loadNodeAssetManifest()[CLIENT_ENTRY]!.file}`;
const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy', 'permissions-policy'];

describe('static files on Node', () => {
  let t: Awaited<ReturnType<typeof createTestApp>> | undefined;
  afterEach(() => t?.close());

  async function served(env: Record<string, string> = {}) {
    t = await createTestApp({ env });
    return withStaticFiles(t.app, { config: t.deps.config });
  }

  it.each([
    [hashedEntry, 'javascript', 'public, max-age=31536000, immutable'],
    ['/manifest.webmanifest', 'manifest+json', 'no-cache'],
    ['/sw.js', 'javascript', 'no-cache'],
    ['/icons/icon-192.png', 'image/png', 'no-cache'],
  ])('answers %s with the security headers every page gets', async (path, type, cacheControl) => {
    const app = await served();
    const [file, page] = [await app.request(path), await app.request('/login')];
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain(type);
    expect(file.headers.get('cache-control')).toBe(cacheControl);
    const csp = file.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(Object.fromEntries(SECURITY.map((h) => [h, file.headers.get(h)]))).toEqual(Object.fromEntries(SECURITY.map((h) => [h, page.headers.get(h)])));
  });

  it('adds HSTS to static files when PUBLIC_URL is HTTPS, as it does to pages', async () => {
    const app = await served({ PUBLIC_URL: 'https://backwatch.example.com' });
    expect((await app.request('/sw.js')).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await app.request('/login')).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('compresses what is read (pages, assets) and leaves the short answers to uploads as they are', async () => {
    const app = await served();
    const gzip = { 'accept-encoding': 'gzip' };
    const [page, asset] = [await app.request('/login', { headers: gzip }), await app.request(hashedEntry, { headers: gzip })];
    expect([page.headers.get('content-encoding'), asset.headers.get('content-encoding')]).toEqual(['gzip', 'gzip']);
    const uploaded = await app.request(`/api/upload/${UPLOAD_TOKEN}`, {
      method: 'POST',
      headers: { ...gzip, 'content-type': 'application/json' },
      body: fixtureText('duplicati/01-backup-success-2.1.json'),
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.headers.get('content-encoding')).toBeNull();
    expect(await uploaded.json()).toEqual({ success: true });
  });

  it('does not serve the Workers _headers file', async () => {
    const app = await served();
    const res = await app.request(`/${WORKERS_HEADERS_FILE}`);
    expect(res.status).not.toBe(200);
    expect(await res.text()).not.toContain('Content-Security-Policy:');
  });
});

describe('the Workers _headers file in the build', () => {
  it('is exactly what src/ui/static-headers.ts generates from the shared header list', () => {
    const built = readFileSync(`${PUBLIC_DIR}/${WORKERS_HEADERS_FILE}`, 'utf8');
    expect(built).toBe(workersHeadersFile());
    expect(built).toContain("frame-ancestors 'none'");
    expect(built).toContain('X-Content-Type-Options: nosniff');
  });
});
