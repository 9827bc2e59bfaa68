import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordError } from '../../../src/admin/error-log';
import { getIntegrationRequest, recordIntegrationRequest } from '../../../src/admin/integration-requests';
import { jobLog } from '../../../src/db/schema/index';
import { GOOD_PASSWORD, loginAs, loginRequest, postJson, sessionCookieFrom } from '../../support/auth';
import { appWithAdmin } from '../../support/admin-app';
import { fixtureText } from '../../support/fixtures';
import type { createTestApp } from '../../support/test-app';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

function call(t: TestApp, cookie: string, method: string, path: string, body?: unknown) {
  return t.app.request(path, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
}

describe('admin console API', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => ({ t, admin } = await appWithAdmin()));
  afterEach(() => t.close());

  it('creates a user with a one-time password that must be changed at first login', async () => {
    const res = await call(t, admin, 'POST', '/api/admin/users', { username: 'Maria', role: 'viewer' });
    expect(res.status).toBe(201);
    const { user, oneTimePassword } = (await res.json()) as { user: { username: string; passwordHash?: string }; oneTimePassword: string };
    expect(user.username).toBe('maria');
    expect(user).not.toHaveProperty('passwordHash');
    const login = await loginRequest(t, 'maria', oneTimePassword);
    expect(await login.json()).toMatchObject({ mustChangePassword: true });
    expect((await call(t, admin, 'POST', '/api/admin/users', { username: 'maria', role: 'user' })).status).toBe(409);
  });

  it('never removes, disables or demotes the last enabled admin', async () => {
    const users = (await (await call(t, admin, 'GET', '/api/admin/users')).json()) as { users: { id: number; username: string }[] };
    const root = users.users.find((u) => u.username === 'root')!;
    for (const [method, body] of [['DELETE', undefined], ['PATCH', { role: 'user' }], ['PATCH', { disabled: true }]] as const) {
      const res = await call(t, admin, method, `/api/admin/users/${root.id}`, body);
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'LAST_ADMIN' });
    }
  });

  it('disabling a user ends their sessions at once; resetting gives a new one-time password', async () => {
    const bob = await loginAs(t, 'user', 'bob');
    const list = (await (await call(t, admin, 'GET', '/api/admin/users')).json()) as { users: { id: number; username: string }[] };
    const id = list.users.find((u) => u.username === 'bob')!.id;

    expect((await call(t, admin, 'PATCH', `/api/admin/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await t.app.request('/api/auth/me', { headers: { cookie: bob } })).status).toBe(401);
    expect((await loginRequest(t, 'bob', GOOD_PASSWORD)).status).toBe(401);

    await call(t, admin, 'PATCH', `/api/admin/users/${id}`, { disabled: false });
    const reset = (await (await call(t, admin, 'POST', `/api/admin/users/${id}/reset-password`)).json()) as { oneTimePassword: string };
    expect((await loginRequest(t, 'bob', GOOD_PASSWORD)).status).toBe(401);
    expect(await (await loginRequest(t, 'bob', reset.oneTimePassword)).json()).toMatchObject({ mustChangePassword: true });
  });

  it('creates an API key shown once, which reads the API until it is revoked, and audits each step', async () => {
    const created = (await (await call(t, admin, 'POST', '/api/admin/api-keys', { name: 'Homepage widget' })).json()) as { id: number; key: string };
    const read = () => t.app.request('/api/summary', { headers: { authorization: `Bearer ${created.key}` } });
    expect((await read()).status).toBe(200);
    const listed = JSON.stringify(await (await call(t, admin, 'GET', '/api/admin/api-keys')).json());
    expect(listed).toContain('Homepage widget');
    expect(listed).not.toContain(created.key);

    expect((await call(t, admin, 'DELETE', `/api/admin/api-keys/${created.id}`)).status).toBe(200);
    expect((await read()).status).toBe(401);

    const audit = (await (await call(t, admin, 'GET', '/api/admin/audit')).json()) as { entries: { action: string }[] };
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['apikey.create', 'apikey.use', 'apikey.revoke']));
  });

  it('lets a logged-in viewer read the API, and makes it public only when an admin says so', async () => {
    const viewer = await loginAs(t, 'viewer', 'vera');
    expect((await t.app.request('/api/summary', { headers: { cookie: viewer } })).status).toBe(200);
    expect((await t.app.request('/api/summary')).status).toBe(401);

    const res = await call(t, admin, 'PATCH', '/api/admin/settings', { readApiPublic: true, retentionDays: { audit_log: 400 } });
    expect(await res.json()).toMatchObject({ readApiPublic: true, retentionDays: { audit_log: 400, error_log: 90 } });
    expect((await t.app.request('/api/summary')).status).toBe(200);
    expect((await call(t, admin, 'PATCH', '/api/admin/settings', { retentionDays: { audit_log: 0 } })).status).toBe(400);
  });

  it('exports the audit log as CSV, quoting cells and defusing formulas', async () => {
    await loginRequest(t, '=cmd|calc', 'wrong password here', { 'user-agent': 'Agent, "quoted"' });
    const res = await call(t, admin, 'GET', '/api/admin/audit/export.csv?action=login.failure');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,createdAt,action,actorType,actorName,target,address,userAgent,details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`'=cmd|calc`);
    expect(lines[1]).toContain('"Agent, ""quoted"""');
  });

  it('lists, shows, deletes and clears the Error Log', async () => {
    const first = await recordError(t.db, { method: 'GET', path: '/boom', userId: 1, error: new Error('first failure') }, t.clock.now());
    await recordError(t.db, { method: 'POST', path: '/bang', error: new Error('second failure') }, t.clock.now());
    const filtered = (await (await call(t, admin, 'GET', '/api/admin/errors?q=bang')).json()) as { errors: { path: string }[] };
    expect(filtered.errors.map((e) => e.path)).toEqual(['/bang']);
    expect(await (await call(t, admin, 'GET', `/api/admin/errors/${first}`)).json()).toMatchObject({ message: 'first failure', username: 'root', stack: expect.stringContaining('Error: first failure') });
    expect((await call(t, admin, 'DELETE', `/api/admin/errors/${first}`)).status).toBe(200);
    expect(await (await call(t, admin, 'DELETE', '/api/admin/errors')).json()).toEqual({ deleted: 1 });
  });

  it('filters the Scheduled Job Log on failed runs', async () => {
    const at = t.clock.now().toISOString();
    await t.db.insert(jobLog).values([
      { name: 'overdue-scan', startedAt: at, durationMs: 12, status: 'Completed', counts: { jobs: 3 } },
      { name: 'outbox', startedAt: at, durationMs: 40, status: 'Failed', counts: {}, error: 'SMTP refused' },
    ]);
    const res = (await (await call(t, admin, 'GET', '/api/admin/jobs?status=Failed')).json()) as { runs: { name: string; error: string }[] };
    expect(res.runs).toEqual([expect.objectContaining({ name: 'outbox', error: 'SMTP refused' })]);
  });

  it('shows a stored upload decompressed and replays a failed one exactly once', async () => {
    const body = fixtureText('duplicati/01-backup-success-2.1.json');
    const id = await recordIntegrationRequest(
      t.deps.store,
      { direction: 'inbound', kind: 'upload', endpoint: '/api/upload', method: 'POST', status: 'Failed', error: 'parser failed', headers: {}, body: new TextEncoder().encode(body) },
      t.clock.now(),
    );
    const failed = (await (await call(t, admin, 'GET', '/api/admin/integration-requests?direction=inbound&status=Failed')).json()) as { requests: { id: number }[] };
    expect(failed.requests.map((r) => r.id)).toEqual([id]);
    const detail = (await (await call(t, admin, 'GET', `/api/admin/integration-requests/${id}`)).json()) as { body: string; status: string };
    expect(detail).toMatchObject({ status: 'Failed', body });

    const replayed = await call(t, admin, 'POST', `/api/admin/integration-requests/${id}/replay`);
    expect(await replayed.json()).toMatchObject({ status: 200 });
    expect((await getIntegrationRequest(t.db, id))!.status).toBe('Completed');
    const again = await call(t, admin, 'POST', `/api/admin/integration-requests/${id}/replay`);
    expect(await again.json()).toMatchObject({ status: 409 });
    expect((await call(t, admin, 'POST', '/api/admin/integration-requests/99999/replay')).status).toBe(404);
  });

  it('counts active users, failed logins per day and logins by account type for the dashboard', async () => {
    await loginRequest(t, 'root', 'wrong password here');
    t.clock.advance(86_400_000);
    await loginRequest(t, 'root', 'wrong password again');
    const viewer = await loginAs(t, 'viewer', 'vic');
    expect(viewer).toBeTruthy();
    const stats = (await (await call(t, admin, 'GET', '/api/admin/dashboard')).json()) as {
      activeUsers: number; days: string[]; failedLogins: number[]; logins: Record<string, number[]>;
    };
    expect(stats.days).toHaveLength(30);
    expect(stats.failedLogins.slice(-2)).toEqual([1, 1]);
    expect(stats.logins.admin!.reduce((a, b) => a + b)).toBe(1);
    expect(stats.logins.viewer!.at(-1)).toBe(1);
    expect(stats.activeUsers).toBe(2);
  });

  it('changes your own password through the API and logs in with the new one', async () => {
    const res = await postJson(t, '/api/auth/change-password', { currentPassword: GOOD_PASSWORD, newPassword: 'brand new long password' }, { cookie: admin });
    expect(res.status).toBe(200);
    expect((await call(t, sessionCookieFrom(res), 'GET', '/api/admin/users')).status).toBe(200);
  });
});
