import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { integrationRequests, notifyChannels, outbox, pushSubscriptions } from '../../../src/db/schema/index';
import { retryDelayMs } from '../../../src/notify/deliver';
import { runScheduled } from '../../../src/monitor/scheduler';
import { createTestApp, manualClock, upload } from '../../support/test-app';
import { fixture } from '../../support/fixtures';
import { startHttpCapture, startPushService } from '../../support/notify-peers';
import { loginAs } from '../../support/auth';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('outbox delivery', () => {
  let t: TestApp;
  let http: Awaited<ReturnType<typeof startHttpCapture>>;

  beforeEach(async () => {
    http = await startHttpCapture();
    t = await createTestApp({ clock: manualClock('2025-05-03T02:30:00.000Z') });
    const at = t.clock.now().toISOString();
    await t.db.insert(notifyChannels).values({ kind: 'webhook', name: 'down', config: { url: `${http.url}/hook` }, createdAt: at, updatedAt: at });
  });
  afterEach(async () => {
    t.close();
    await http.close();
  });

  it.each([
    [1, 30_000],
    [2, 60_000],
    [5, 480_000],
    [20, 3_600_000],
  ])('waits %i attempts → %i ms before the next one', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it('gives up after 24 hours of failures, records every attempt, and tries no more', async () => {
    http.failNext('/hook', 10_000);
    expect((await upload(t.app, fixture('duplicati/03-backup-error-2.1.json'))).status).toBe(200);
    await t.settle();
    for (let hour = 0; hour < 26; hour++) {
      t.clock.advance(3600_000);
      await runScheduled(t.deps, t.clock.now());
    }
    const [row] = await t.db.select().from(outbox);
    expect(row!.status).toBe('dead');
    expect(row!.lastError).toContain('HTTP 503');
    const attempts = http.to('/hook').length;
    expect(attempts).toBe(row!.attempts);
    expect(await t.db.$count(integrationRequests, and(eq(integrationRequests.direction, 'outbound'), eq(integrationRequests.status, 'Failed')))).toBe(attempts);

    t.clock.advance(3600_000);
    await runScheduled(t.deps, t.clock.now());
    expect(http.to('/hook').length).toBe(attempts);
  });

  it('gives up at once on a push subscription the push service has expired, and forgets the device', async () => {
    const push = await startPushService();
    try {
      const cookie = await loginAs(t, 'user');
      const api = (method: string, path: string, body?: unknown) =>
        t.app.request(path, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const { publicKey } = (await (await api('GET', '/api/notify/push/key')).json()) as { publicKey: string };
      const sub = await push.subscribe(publicKey);
      expect((await api('POST', '/api/notify/push/subscriptions', { endpoint: sub.endpoint, keys: sub.keys, label: 'old phone', events: 'all' })).status).toBe(201);
      await push.expire(sub.clientHash);

      expect((await upload(t.app, fixture('duplicati/03-backup-error-2.1.json'))).status).toBe(200);
      await t.settle();
      const [pushed] = await t.db.select().from(outbox).innerJoin(notifyChannels, eq(notifyChannels.id, outbox.channelId)).where(eq(notifyChannels.kind, 'webpush'));
      expect(pushed!.outbox).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('HTTP 410') });
      expect(await t.db.$count(pushSubscriptions)).toBe(0);
      const [attempt] = await t.db.select().from(integrationRequests).where(eq(integrationRequests.reference, `outbox:${pushed!.outbox.id}`));
      expect(attempt).toMatchObject({ kind: 'webpush', status: 'Failed', responseCode: 410 });
    } finally {
      await push.close();
    }
  });

  it('on Node, delivers every alert an upload queued right away, however many batches that takes', async () => {
    const at = t.clock.now().toISOString();
    await t.db.insert(notifyChannels).values(Array.from({ length: 449 }, (_, i) => ({ kind: 'webhook', name: `hook ${i}`, config: { url: `${http.url}/many/${i}` }, createdAt: at, updatedAt: at })));
    expect((await upload(t.app, fixture('duplicati/03-backup-error-2.1.json'))).status).toBe(200);
    await t.settle();
    expect(http.requests.filter((r) => r.path.startsWith('/many/'))).toHaveLength(449);
    expect(await t.db.$count(outbox, eq(outbox.status, 'sent'))).toBe(450);
  });
});
