import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../../src/auth/users';
import { GOOD_PASSWORD, loginRequest } from '../../support/auth';
import { createTestApp } from '../../support/test-app';

const MINUTE = 60_000;

describe('login throttling', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeEach(async () => {
    t = await createTestApp();
    await createUser(t.db, { username: 'alice', role: 'user', password: GOOD_PASSWORD, mustChangePassword: false }, t.clock.now());
  });
  afterEach(() => t.close());

  it('gives an unknown user and a wrong password the same answer', async () => {
    const unknown = await loginRequest(t, 'nobody', 'some password here');
    const wrong = await loginRequest(t, 'alice', 'some password here');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('backs off after the third failure and lets the account in once the wait is over', async () => {
    for (let i = 0; i < 3; i++) expect((await loginRequest(t, 'alice', 'wrong password ' + i)).status).toBe(401);

    const early = await loginRequest(t, 'alice', GOOD_PASSWORD);
    expect(early.status).toBe(429);
    expect(await early.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 1 });
    expect(early.headers.get('retry-after')).toBe('1');

    t.clock.advance(1000);
    expect((await loginRequest(t, 'alice', GOOD_PASSWORD)).status).toBe(200);
  });

  it('locks the account for 15 minutes after 10 failures, even for the right password', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await loginRequest(t, 'alice', 'wrong password ' + i)).status).toBe(401);
      t.clock.advance(6 * MINUTE);
    }
    t.clock.advance(-6 * MINUTE + 1000);

    const locked = await loginRequest(t, 'alice', GOOD_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });

    t.clock.advance(15 * MINUTE);
    expect((await loginRequest(t, 'alice', GOOD_PASSWORD)).status).toBe(200);
  });

  it('locks an unknown username exactly like a real one', async () => {
    for (let i = 0; i < 10; i++) {
      await loginRequest(t, 'ghost', 'wrong password ' + i);
      t.clock.advance(6 * MINUTE);
    }
    t.clock.advance(-6 * MINUTE + 1000);
    const locked = await loginRequest(t, 'ghost', 'wrong password x');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it('slows down one address that tries passwords across many accounts', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await loginRequest(t, `user${i}`, 'guess password 1')).status).toBe(401);
    }
    const blocked = await loginRequest(t, 'alice', GOOD_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('writes every failure and success to the audit log with address and user agent', async () => {
    await loginRequest(t, 'alice', 'wrong password 1', { 'user-agent': 'TestAgent/1' });
    await loginRequest(t, 'alice', GOOD_PASSWORD, { 'user-agent': 'TestAgent/1' });
    const { listAudit } = await import('../../../src/admin/audit');
    const rows = await listAudit(t.db);
    expect(rows.map((r) => [r.action, r.actorName, r.address, r.userAgent])).toEqual([
      ['login.success', 'alice', '127.0.0.1', 'TestAgent/1'],
      ['login.failure', 'alice', '127.0.0.1', 'TestAgent/1'],
    ]);
    expect(rows[1]!.details).toEqual({ reason: 'wrong_password' });
  });
});
