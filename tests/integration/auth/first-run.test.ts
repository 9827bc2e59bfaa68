import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureFirstAdmin, findUserByName } from '../../../src/auth/users';
import { GOOD_PASSWORD, loginRequest, postJson, sessionCookieFrom } from '../../support/auth';
import { createTestApp } from '../../support/test-app';

const INITIAL = 'initial admin password 1';

describe('first run and the forced password change', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('creates admin with ADMIN_PASSWORD once, and never again', async () => {
    expect(await ensureFirstAdmin(t.db, INITIAL, t.clock.now())).toMatchObject({ created: true, username: 'admin', generated: false });
    expect(await ensureFirstAdmin(t.db, 'another password 123', t.clock.now())).toEqual({ created: false });
    const admin = await findUserByName(t.db, 'admin');
    expect(admin).toMatchObject({ role: 'admin', mustChangePassword: true });
    expect(admin!.passwordHash).toMatch(/^\$scrypt\$v=1\$ln=15,r=8,p=3\$/);
  });

  it('generates a strong one-time password when ADMIN_PASSWORD is not set', async () => {
    const run = await ensureFirstAdmin(t.db, undefined, t.clock.now());
    expect(run).toMatchObject({ created: true, generated: true });
    if (!run.created) throw new Error('unreachable');
    expect(run.password.length).toBeGreaterThanOrEqual(24);
    expect((await loginRequest(t, 'admin', run.password)).status).toBe(200);
  });

  it('answers 403 password_change_required on every API but change-password and logout until the password is changed', async () => {
    await ensureFirstAdmin(t.db, INITIAL, t.clock.now());
    const login = await loginRequest(t, 'admin', INITIAL);
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ mustChangePassword: true, user: { username: 'admin', role: 'admin' } });
    const cookie = sessionCookieFrom(login);

    for (const path of ['/api/auth/me', '/api/summary', '/api/auth/sessions']) {
      const res = await t.app.request(path, { headers: { cookie } });
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toMatchObject({ code: 'password_change_required' });
    }
    const page = await t.app.request('/', { headers: { cookie } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/change-password');

    const changed = await postJson(t, '/api/auth/change-password', { currentPassword: INITIAL, newPassword: GOOD_PASSWORD }, { cookie });
    expect(changed.status).toBe(200);
    const fresh = sessionCookieFrom(changed);
    const me = await t.app.request('/api/auth/me', { headers: { cookie: fresh } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ mustChangePassword: false });
  });

  it('lets a forced account log out', async () => {
    await ensureFirstAdmin(t.db, INITIAL, t.clock.now());
    const cookie = sessionCookieFrom(await loginRequest(t, 'admin', INITIAL));
    expect((await t.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('always requires the current password and enforces the policy on the new one', async () => {
    await ensureFirstAdmin(t.db, INITIAL, t.clock.now());
    const cookie = sessionCookieFrom(await loginRequest(t, 'admin', INITIAL));
    const change = (currentPassword: string, newPassword: string) => postJson(t, '/api/auth/change-password', { currentPassword, newPassword }, { cookie });

    const wrong = await change('not the password', GOOD_PASSWORD);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });

    for (const [weak, problem] of [['short one', 'too_short'], ['password1234', 'common'], ['admin is my name ok', 'contains_username'], [INITIAL, 'reused']] as const) {
      const res = await change(INITIAL, weak);
      expect(res.status, weak).toBe(400);
      expect(await res.json(), weak).toMatchObject({ code: 'POLICY_NOT_MET', problems: expect.arrayContaining([problem]) });
    }
    expect((await findUserByName(t.db, 'admin'))!.mustChangePassword).toBe(true);
  });
});
