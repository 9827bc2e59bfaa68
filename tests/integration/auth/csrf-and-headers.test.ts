import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginAs, postJson } from '../../support/auth';
import { createTestApp, upload } from '../../support/test-app';
import { fixtureText } from '../../support/fixtures';

describe('cross-site request forgery', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let cookie: string;
  beforeEach(async () => {
    t = await createTestApp();
    cookie = await loginAs(t, 'user', 'kim');
  });
  afterEach(() => t.close());

  const logout = (headers: Record<string, string>) => t.app.request('http://backwatch.local/api/auth/logout', { method: 'POST', headers: { cookie, ...headers } });

  it('refuses a state-changing request from another origin', async () => {
    const res = await logout({ origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'csrf_rejected' });
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a request the browser labels cross-site even without an Origin', async () => {
    expect((await logout({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await logout({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('refuses a cross-site login form post', async () => {
    const res = await postJson(t, 'http://backwatch.local/api/auth/login', { username: 'kim', password: 'x' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('accepts the same origin, and clients that are not browsers', async () => {
    expect((await logout({ origin: 'http://backwatch.local', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    const body = fixtureText('duplicati/01-backup-success-2.1.json');
    expect((await upload(t.app, body)).status).toBe(200);
  });
});

describe('security headers', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it.each(['/login', '/api/health', '/', '/api/does-not-exist'])('are set on %s', async (path) => {
    const res = await t.app.request(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
