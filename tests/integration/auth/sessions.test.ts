import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app';
import { openNodeDatabase } from '../../../src/db/node-client';
import { groupCommitWriter } from '../../../src/db/writer';
import { sessions } from '../../../src/db/schema/index';
import { GOOD_PASSWORD, loginAs, loginRequest, postJson, sessionCookieFrom } from '../../support/auth';
import { createTestApp } from '../../support/test-app';

const HOUR = 3_600_000;
const NEW_PASSWORD = 'another fine long password';

describe('sessions', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const me = (cookie: string) => t.app.request('/api/auth/me', { headers: { cookie } });

  it('sets an HttpOnly SameSite=Lax cookie, Secure behind HTTPS, and stores only a hash of the id', async () => {
    await loginAs(t, 'user', 'carol');
    const res = await loginRequest(t, 'carol', GOOD_PASSWORD, { 'x-forwarded-proto': 'https' });
    const header = res.headers.getSetCookie()[0]!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Secure/);
    const plain = (await loginRequest(t, 'carol', GOOD_PASSWORD)).headers.getSetCookie()[0]!;
    expect(plain).not.toMatch(/Secure/);
    const token = sessionCookieFrom(res).split('=')[1]!;
    const ids = (await t.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id);
    expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id) && !token.includes(id))).toBe(true);
  });

  it('issues a new session id on every login', async () => {
    const first = await loginAs(t, 'user', 'dave');
    const second = sessionCookieFrom(await loginRequest(t, 'dave', GOOD_PASSWORD));
    expect(second).not.toBe(first);
    expect((await me(first)).status).toBe(200);
    expect((await me(second)).status).toBe(200);
  });

  it('ends at once on logout, even for a copy of the cookie', async () => {
    const cookie = await loginAs(t, 'viewer', 'erin');
    expect((await t.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
  });

  it('refuses a cookie with a forged signature', async () => {
    const cookie = await loginAs(t, 'user', 'frank');
    const [name, token] = cookie.split('=') as [string, string];
    const forged = `${name}=${token.slice(0, -4)}AAAA`;
    expect((await me(forged)).status).toBe(401);
  });

  it('expires after the idle timeout and after the absolute timeout despite activity', async () => {
    const idle = await loginAs(t, 'user', 'gina');
    t.clock.advance(24 * HOUR + 60_000);
    expect((await me(idle)).status).toBe(401);

    const busy = sessionCookieFrom(await loginRequest(t, 'gina', GOOD_PASSWORD));
    for (let h = 12; h < 7 * 24; h += 12) {
      t.clock.advance(12 * HOUR);
      expect((await me(busy)).status, `after ${h} h`).toBe(200);
    }
    t.clock.advance(12 * HOUR);
    expect((await me(busy)).status).toBe(401);
  });

  it('ends every other session when the password changes, and keeps the changer logged in', async () => {
    const laptop = await loginAs(t, 'user', 'hana');
    const phone = sessionCookieFrom(await loginRequest(t, 'hana', GOOD_PASSWORD));
    const res = await postJson(t, '/api/auth/change-password', { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD }, { cookie: laptop });
    expect(res.status).toBe(200);
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(sessionCookieFrom(res))).status).toBe(200);
    expect((await loginRequest(t, 'hana', GOOD_PASSWORD)).status).toBe(401);
  });

  it('lists your sessions and revokes one of them', async () => {
    const laptop = await loginAs(t, 'viewer', 'ivan');
    const phone = sessionCookieFrom(await loginRequest(t, 'ivan', GOOD_PASSWORD, { 'user-agent': 'Phone' }));
    const list = (await (await t.app.request('/api/auth/sessions', { headers: { cookie: laptop } })).json()) as { sessions: { id: string; current: boolean; userAgent: string | null }[] };
    expect(list.sessions).toHaveLength(2);
    const other = list.sessions.find((s) => !s.current)!;
    expect(other.userAgent).toBe('Phone');

    const revoke = await t.app.request(`/api/auth/sessions/${other.id}`, { method: 'DELETE', headers: { cookie: laptop } });
    expect(revoke.status).toBe(200);
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(200);
  });

  it('survives a restart of the app on the same database file', async () => {
    const cookie = await loginAs(t, 'user', 'jules');
    const reopened = await openNodeDatabase(t.deps.config.databaseUrl);
    try {
      const restarted = createApp({ ...t.deps, store: { db: reopened.db, writer: groupCommitWriter(reopened.db) } });
      const res = await restarted.request('/api/auth/me', { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ user: { username: 'jules' } });
    } finally {
      reopened.client.close();
    }
  });
});
