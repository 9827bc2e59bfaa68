import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordError } from '../../../src/admin/error-log';
import { recordIntegrationRequest } from '../../../src/admin/integration-requests';
import { ensureFirstAdmin } from '../../../src/auth/users';
import { jobLog } from '../../../src/db/schema/index';
import { GOOD_PASSWORD, loginAs, sessionCookieFrom } from '../../support/auth';
import { appWithAdmin } from '../../support/admin-app';
import { fixtureText } from '../../support/fixtures';
import type { createTestApp } from '../../support/test-app';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

function form(t: TestApp, path: string, fields: Record<string, string>, cookie?: string) {
  return t.app.request(`http://backwatch.local${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://backwatch.local', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('admin console pages', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => ({ t, admin } = await appWithAdmin()));
  afterEach(() => t.close());

  const page = (path: string, lang = 'en') => t.app.request(path, { headers: { cookie: admin, 'accept-language': lang } });

  it('renders every section in English and in French', async () => {
    await recordError(t.db, { method: 'GET', path: '/x', error: new Error('kaput') }, t.clock.now());
    await t.db.insert(jobLog).values({ name: 'overdue-scan', startedAt: t.clock.now().toISOString(), durationMs: 5, status: 'Failed', counts: {}, error: 'db down' });
    const sections: [string, string, string][] = [
      ['/admin', 'Administration', 'Administration'],
      ['/admin/errors', 'Error Log', 'Journal des erreurs'],
      ['/admin/errors/1', 'Error 1', 'Erreur 1'],
      ['/admin/jobs?status=Failed', 'Scheduled Job Log', 'Journal des tâches planifiées'],
      ['/admin/jobs/1', 'overdue-scan (run 1)', 'overdue-scan (exécution 1)'],
      ['/admin/integration-requests', 'Integration Requests', 'Requêtes d’intégration'],
      ['/admin/users', 'Users', 'Utilisateurs'],
      ['/admin/api-keys', 'API keys', 'Clés d’API'],
      ['/admin/audit', 'Audit log', 'Journal d’audit'],
      ['/admin/settings', 'Settings', 'Paramètres'],
      ['/account', 'Your account', 'Votre compte'],
    ];
    for (const [path, english, french] of sections) {
      const en = await page(path);
      expect(en.status, path).toBe(200);
      expect(await en.text(), path).toContain(`<h1>${english}</h1>`);
      const fr = await page(path, 'fr-FR,fr;q=0.9');
      expect(await fr.text(), path).toContain(`<h1>${french.replace(/’/g, '’')}</h1>`);
    }
  });

  it('highlights failed scheduled jobs', async () => {
    await t.db.insert(jobLog).values([
      { name: 'outbox', startedAt: t.clock.now().toISOString(), durationMs: 5, status: 'Failed', counts: {}, error: 'SMTP refused' },
      { name: 'outbox', startedAt: t.clock.now().toISOString(), durationMs: 5, status: 'Completed', counts: { sent: 2 } },
    ]);
    const html = await (await page('/admin/jobs')).text();
    expect(html.match(/class="row-bad"/g)).toHaveLength(1);
  });

  it('logs in through the form, forces the password change, then lands on the account page', async () => {
    await t.db.delete((await import('../../../src/db/schema/index')).users);
    await ensureFirstAdmin(t.db, 'initial admin password', t.clock.now());
    const login = await form(t, '/login', { username: 'admin', password: 'initial admin password', next: '/admin' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/change-password');
    const cookie = sessionCookieFrom(login);
    expect((await t.app.request('/admin', { headers: { cookie } })).headers.get('location')).toBe('/change-password');

    const weak = await form(t, '/change-password', { currentPassword: 'initial admin password', newPassword: 'short' }, cookie);
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('use at least 12 characters');

    const changed = await form(t, '/change-password', { currentPassword: 'initial admin password', newPassword: GOOD_PASSWORD }, cookie);
    expect(changed.headers.get('location')).toBe('/account?notice=passwordChanged');
    expect((await t.app.request('/admin', { headers: { cookie: sessionCookieFrom(changed) } })).status).toBe(200);
  });

  it('shows a wrong password on the login form without saying whether the user exists', async () => {
    const unknown = await (await form(t, '/login', { username: 'nobody', password: 'whatever password' })).text();
    const wrong = await (await form(t, '/login', { username: 'root', password: 'whatever password' })).text();
    expect(unknown).toContain('Wrong username or password.');
    expect(wrong).toContain('Wrong username or password.');
  });

  it('creates a user and shows the one-time password once', async () => {
    const res = await form(t, '/admin/users', { username: 'newbie', role: 'viewer' }, admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<code class="secret" data-secret="true">[A-Za-z0-9_-]{24}<\/code>/);
    expect(await (await page('/admin/users')).text()).not.toContain('data-secret');
  });

  it('refuses to delete the last admin from the Users page', async () => {
    const res = await form(t, '/admin/users/1/delete', {}, admin);
    expect(res.headers.get('location')).toBe('/admin/users?error=LAST_ADMIN');
    expect(await (await page('/admin/users?error=LAST_ADMIN')).text()).toContain('This is the last enabled admin');
  });

  it('replays a failed upload from its detail page', async () => {
    const id = await recordIntegrationRequest(
      t.deps.store,
      { direction: 'inbound', kind: 'upload', endpoint: '/api/upload', method: 'POST', status: 'Failed', error: 'parser failed', headers: {}, body: new TextEncoder().encode(fixtureText('duplicati/01-backup-success-2.1.json')) },
      t.clock.now(),
    );
    expect(await (await page(`/admin/integration-requests/${id}`)).text()).toContain(`action="/admin/integration-requests/${id}/replay"`);
    const res = await form(t, `/admin/integration-requests/${id}/replay`, {}, admin);
    expect(res.headers.get('location')).toBe(`/admin/integration-requests/${id}?notice=replayed`);
    const after = await (await page(`/admin/integration-requests/${id}?notice=replayed`)).text();
    expect(after).toContain('data-status="Completed"');
    expect(after).not.toContain('/replay"');
  });

  it('saves settings and retention from the form', async () => {
    const res = await form(t, '/admin/settings', { readApiPublic: 'on', 'retention.error_log': '30', 'retention.job_log': '60', 'retention.integration_requests': '90', 'retention.audit_log': '400' }, admin);
    expect(res.headers.get('location')).toBe('/admin/settings?notice=saved');
    expect((await t.app.request('/api/summary')).status).toBe(200);
    const bad = await form(t, '/admin/settings', { 'retention.error_log': '0', 'retention.job_log': '60', 'retention.integration_requests': '90', 'retention.audit_log': '400' }, admin);
    expect(bad.headers.get('location')).toBe('/admin/settings?error=INVALID_RETENTION');
  });
});
