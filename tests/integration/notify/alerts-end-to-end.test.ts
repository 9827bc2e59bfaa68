import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { integrationRequests, jobLog, monitors, outbox } from '../../../src/db/schema/index';
import { runScheduled } from '../../../src/monitor/scheduler';
import { createTestApp, manualClock, upload } from '../../support/test-app';
import { fixture } from '../../support/fixtures';
import { GOOD_PASSWORD, loginAs, loginRequest, sessionCookieFrom } from '../../support/auth';
import { overdueJobCount } from '../../../src/monitor/overdue-count';
import { startHttpCapture, startPushService, startSmtpCapture } from '../../support/notify-peers';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const SMTP_USER = { username: 'backwatch', password: 'smtp-secret-password' };
const NTFY_TOKEN = 'tk_ntfy_access_token_123';
const HOOK_SECRET = 'webhook-signing-secret';

const success = fixture('duplicati/01-backup-success-2.1.json');
const failure = fixture('duplicati/03-backup-error-2.1.json');
/** The same job's next good run, after the failure and after it went overdue. */
const laterSuccess = { ...success, Data: { ...success.Data, BeginTime: '2025-05-04T04:30:00.0000000Z', EndTime: '2025-05-04T04:31:00.0000000Z' } };

describe('alerts from a failing job, end to end through the app and real peers', () => {
  let t: TestApp;
  let admin: string;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let http: Awaited<ReturnType<typeof startHttpCapture>>;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let clientHash: string;

  const api = (method: string, path: string, body?: unknown) =>
    t.app.request(path, { method, headers: { cookie: admin, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  async function counts() {
    return {
      email: smtp.messages.length,
      ntfy: http.to('/').length,
      webhook: http.to('/hook').length,
      push: (await push.messages(clientHash)).length,
    };
  }

  beforeAll(async () => {
    [smtp, http, push] = await Promise.all([startSmtpCapture(SMTP_USER), startHttpCapture(), startPushService()]);
    t = await createTestApp({ clock: manualClock('2025-05-02T02:30:00.000Z') });
    admin = await loginAs(t, 'admin');

    const created = await Promise.all([
      api('POST', '/api/notify/channels', {
        kind: 'email',
        name: 'Ops mail',
        config: { host: '127.0.0.1', port: smtp.port, security: 'none', username: SMTP_USER.username, fromAddress: 'backwatch@example.com', recipients: ['ops@example.com'] },
        secret: SMTP_USER.password,
      }),
      api('POST', '/api/notify/channels', { kind: 'ntfy', name: 'Phone', config: { serverUrl: http.url, topic: 'backups' }, secret: NTFY_TOKEN }),
      api('POST', '/api/notify/channels', { kind: 'webhook', name: 'Chat', config: { url: `${http.url}/hook` }, secret: HOOK_SECRET }),
    ]);
    for (const res of created) expect(res.status).toBe(201);

    const { publicKey } = (await (await api('GET', '/api/notify/push/key')).json()) as { publicKey: string };
    const sub = await push.subscribe(publicKey);
    clientHash = sub.clientHash;
    expect((await api('POST', '/api/notify/push/subscriptions', { endpoint: sub.endpoint, keys: sub.keys, label: 'test browser' })).status).toBe(201);

    expect((await api('PUT', '/api/monitor/settings/global', { interval: '1D', graceSeconds: 7200 })).status).toBe(200);
  });

  afterAll(async () => {
    t?.close();
    await Promise.all([smtp?.close(), http?.close(), push?.close()]);
  });

  it('sends nothing for a good run of a job that only wants warnings and errors', async () => {
    expect((await upload(t.app, success)).status).toBe(200);
    await t.settle();
    expect(await counts()).toEqual({ email: 0, ntfy: 0, webhook: 0, push: 0 });
  });

  it('sends exactly one e-mail, push, ntfy message and webhook for a failing report', async () => {
    t.clock.set('2025-05-03T02:30:00.000Z');
    expect((await upload(t.app, failure)).status).toBe(200);
    await t.settle();
    expect(await counts()).toEqual({ email: 1, ntfy: 1, webhook: 1, push: 1 });

    const mail = smtp.messages[0]!;
    expect(mail.authUser).toBe(SMTP_USER.username);
    expect(mail.subject).toBe('❌ Error - Documents @ nas-01');
    expect(mail.text).toContain('Backup Documents on nas-01 finished with Error');
    expect(mail.html).toContain('<h2');

    const ntfy = http.to('/')[0]!;
    expect(ntfy.headers.authorization).toBe(`Bearer ${NTFY_TOKEN}`);
    expect(JSON.parse(ntfy.body.toString())).toMatchObject({ topic: 'backups', title: '❌ Error - Documents @ nas-01', priority: 4, tags: ['duplicati', 'backwatch', 'failed'], click: expect.stringMatching(/\/jobs\/\d+$/) });

    const hook = http.to('/hook')[0]!;
    const expected = `sha256=${createHmac('sha256', HOOK_SECRET).update(hook.body).digest('hex')}`;
    expect(hook.headers['x-backwatch-signature']).toBe(expected);
    expect(JSON.parse(hook.body.toString())).toMatchObject({ event: 'failed', variables: { backup_name: 'Documents', server_name: 'nas-01', status: 'Error' } });

    const [pushed] = await push.messages(clientHash);
    expect(JSON.parse(pushed!)).toMatchObject({ title: '❌ Error - Documents @ nas-01', tag: expect.stringMatching(/^job-\d+$/), url: expect.stringMatching(/\/jobs\/\d+$/), event: 'failed' });
  });

  it('sends nothing new when the same failing report is posted again', async () => {
    expect((await upload(t.app, failure)).status).toBe(409);
    await t.settle();
    await runScheduled(t.deps, t.clock.now());
    expect(await counts()).toEqual({ email: 1, ntfy: 1, webhook: 1, push: 1 });
  });

  it('sends one overdue alert each once the clock passes the due time plus grace', async () => {
    t.clock.set('2025-05-04T04:00:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    expect(await counts()).toEqual({ email: 1, ntfy: 1, webhook: 1, push: 1 });

    t.clock.set('2025-05-04T04:01:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    t.clock.set('2025-05-04T04:02:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    expect(await counts()).toEqual({ email: 2, ntfy: 2, webhook: 2, push: 2 });
    expect(smtp.messages[1]!.subject).toBe('🕑 Overdue - Documents @ nas-01');
    const [monitor] = await t.db.select().from(monitors);
    expect(monitor!.state).toBe('overdue');
    expect(await overdueJobCount(t.db)).toBe(1);
  });

  it('sends one recovered alert each when a good run arrives', async () => {
    t.clock.set('2025-05-04T04:35:00.000Z');
    expect((await upload(t.app, laterSuccess)).status).toBe(200);
    await t.settle();
    expect(await counts()).toEqual({ email: 3, ntfy: 3, webhook: 3, push: 3 });
    expect(smtp.messages[2]!.subject).toBe('✅ Recovered - Documents @ nas-01');
    const [monitor] = await t.db.select().from(monitors);
    expect(monitor).toMatchObject({ state: 'up', nextDueAt: '2025-05-05T04:30:00.000Z' });
  });

  it('records every delivery as an outbound integration request and every scan in the job log', async () => {
    const outbound = await t.db.select().from(integrationRequests).where(eq(integrationRequests.direction, 'outbound'));
    expect(outbound).toHaveLength(12);
    expect(outbound.every((r) => r.status === 'Completed')).toBe(true);
    expect(new Set(outbound.map((r) => r.kind))).toEqual(new Set(['email', 'ntfy', 'webhook', 'webpush']));
    expect(JSON.stringify(outbound.map((r) => r.headers))).not.toContain(NTFY_TOKEN);
    const log = await t.db.select().from(jobLog);
    expect(log.filter((r) => r.name === 'overdue-scan').length).toBeGreaterThanOrEqual(4);
    expect(log.every((r) => r.status === 'Completed')).toBe(true);
    expect(log.find((r) => r.name === 'overdue-scan' && r.counts.overdue === 1)).toBeDefined();
  });

  it('never returns a channel secret from the API', async () => {
    // Days passed on the manual clock since the first login: the session has timed out.
    admin = sessionCookieFrom(await loginRequest(t, 'admin', GOOD_PASSWORD));
    const body = await (await api('GET', '/api/notify/channels')).text();
    for (const secret of [SMTP_USER.password, NTFY_TOKEN, HOOK_SECRET]) expect(body).not.toContain(secret);
    expect(body).toContain('"hasSecret":true');
  });

  it('retries a channel that fails twice with back-off and delivers once', async () => {
    const queued = await t.db.$count(outbox);
    http.failNext('/hook', 2);
    t.clock.set('2025-05-05T09:00:00.000Z');
    expect((await upload(t.app, { ...failure, Data: { ...failure.Data, BeginTime: '2025-05-05T08:00:00.0000000Z' } })).status).toBe(200);
    await t.settle();
    expect(http.to('/hook').map((r) => r.status).slice(-1)).toEqual([503]);

    await runScheduled(t.deps, t.clock.now());
    expect(http.to('/hook').length).toBe(4); // not yet due again

    t.clock.advance(30_000);
    await runScheduled(t.deps, t.clock.now());
    t.clock.advance(60_000);
    await runScheduled(t.deps, t.clock.now());
    t.clock.advance(120_000);
    await runScheduled(t.deps, t.clock.now());
    expect(http.to('/hook').slice(3).map((r) => r.status)).toEqual([503, 503, 200]);

    const rows = await t.db.select().from(outbox);
    expect(rows.length).toBe(queued + 4);
    const hookRow = rows.find((r) => r.key.startsWith('failed:run:') && r.attempts === 3)!;
    expect(hookRow).toMatchObject({ status: 'sent', attempts: 3 });
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
  });
});
