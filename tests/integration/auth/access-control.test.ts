import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_PATHS, SELF_SERVICE_PATHS, isMutating, matchesPath } from '../../../src/auth/guard';
import { loginAs } from '../../support/auth';
import { createTestApp } from '../../support/test-app';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * Walks every route the app registers (Hono's app.routes) so a route added later is covered
 * without touching this file. Entries with method ALL are middleware.
 */
function registeredRoutes(t: TestApp) {
  const seen = new Set<string>();
  return t.app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
    .map((r) => ({ method: r.method, path: r.path, url: r.path.replace(/:(\w+)(\{[^}]*\})?/g, '1') }))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

const isApi = (path: string) => path.startsWith('/api/');
const send = (t: TestApp, method: string, url: string, cookie?: string) =>
  t.app.request(url, { method, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });

describe('access control over every registered route', () => {
  let t: TestApp;
  let viewer: string;
  let user: string;
  let routes: ReturnType<typeof registeredRoutes>;
  beforeAll(async () => {
    t = await createTestApp();
    viewer = await loginAs(t, 'viewer');
    user = await loginAs(t, 'user');
    routes = registeredRoutes(t);
  });
  afterAll(() => t.close());

  it('finds the routes of every capability', () => {
    const paths = routes.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/auth/login', '/api/summary', '/api/admin/users', '/api/upload']));
    expect(routes.length).toBeGreaterThan(30);
  });

  it('answers anonymous requests with 401 (API) or a redirect to /login (pages), except the public routes', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((r) => !matchesPath(r.url, PUBLIC_PATHS))) {
      const res = await send(t, r.method, r.url);
      const ok = isApi(r.path) ? res.status === 401 : res.status === 302 && (res.headers.get('location') ?? '').startsWith('/login');
      if (!ok) failures.push(`${r.method} ${r.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers a viewer with 403 on every mutating route except the public ones and its own account actions', async () => {
    const failures: string[] = [];
    const mutating = routes.filter((r) => isMutating(r.method) && !matchesPath(r.url, PUBLIC_PATHS) && !matchesPath(r.url, SELF_SERVICE_PATHS));
    expect(mutating.length).toBeGreaterThanOrEqual(10);
    for (const r of mutating) {
      const res = await send(t, r.method, r.url, viewer);
      if (res.status !== 403) failures.push(`${r.method} ${r.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the admin console, its API and its pages, from viewers and users alike', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((r) => r.path.startsWith('/api/admin') || r.path.startsWith('/admin'))) {
      for (const [who, cookie] of [['viewer', viewer], ['user', user]] as const) {
        const res = await send(t, r.method, r.url, cookie);
        if (res.status !== 403) failures.push(`${who}: ${r.method} ${r.path} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
