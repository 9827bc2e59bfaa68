import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { integrationRequests, notifyChannels, outbox } from '../../../src/db/schema/index';
import { retryDelayMs } from '../../../src/notify/deliver';
import { runScheduled } from '../../../src/monitor/scheduler';
import { createTestApp, manualClock, upload } from '../../support/test-app';
import { fixture } from '../../support/fixtures';
import { startHttpCapture } from '../../support/notify-peers';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('delivery retries', () => {
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
});
