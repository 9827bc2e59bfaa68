import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduled } from '../../../src/monitor/scheduler';
import { createTestApp, manualClock, upload } from '../../support/test-app';
import { fixture } from '../../support/fixtures';
import { loginAs } from '../../support/auth';
import { startSmtpCapture } from '../../support/notify-peers';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('daily digest and template preview', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let admin: string;
  const api = (method: string, path: string, body?: unknown) =>
    t.app.request(path, { method, headers: { cookie: admin, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ clock: manualClock('2025-05-03T06:30:00.000Z') });
    admin = await loginAs(t, 'admin');
    const res = await api('POST', '/api/notify/channels', { kind: 'email', name: 'Ops', config: { host: '127.0.0.1', port: smtp.port, security: 'none', fromAddress: 'bw@example.com', recipients: ['ops@example.com'] } });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    t?.close();
    await smtp?.close();
  });

  it('sends one summary e-mail a day, from 07:00, listing the failing jobs', async () => {
    expect((await api('PUT', '/api/monitor/settings/global', { digest: true, events: 'off' })).status).toBe(200);
    expect((await upload(t.app, fixture('duplicati/03-backup-error-2.1.json'))).status).toBe(200);
    await t.settle();
    await runScheduled(t.deps, t.clock.now());
    expect(smtp.messages).toHaveLength(0);

    t.clock.set('2025-05-03T07:00:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    t.clock.set('2025-05-03T07:01:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.subject).toMatch(/^Backwatch: summary for/);
    expect(smtp.messages[0]!.text).toContain('Runs in the last 24 hours: 1');
    expect(smtp.messages[0]!.text).toContain('- Documents @ nas-01: Error');
  });

  it('previews a template being edited with sample data, in French', async () => {
    const res = await api('POST', '/api/notify/preview', { kind: 'overdue', language: 'fr', template: { title: '{backup_name} en retard ({overdue_tolerance}) {inconnu}', body: 'Attendue {expected_elapsed}' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ title: 'Documents en retard (2h) {inconnu}', body: 'Attendue il y a 3 heures' });
  });

  it('rejects a schedule it cannot understand, saying what to write instead', async () => {
    const res = await api('PUT', '/api/monitor/settings/global', { interval: 'daily' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('use Duplicati');
  });
});
