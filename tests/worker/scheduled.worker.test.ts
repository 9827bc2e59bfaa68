import { describe, expect, it } from 'vitest';
import { eq, gte } from 'drizzle-orm';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import worker from '../../src/worker';
import { openWebDatabase } from '../../src/db/web-client';
import { jobLog, notifyChannels, outbox } from '../../src/db/schema/index';
import { SCHEDULER_CRONS } from '../../src/monitor/scheduler';
import { freshReport } from '../support/scenarios';
import { CAPTURE_CONTROL, type CapturedJson } from '../support/notify-peers';
import errorReport from '../fixtures/duplicati/03-backup-error-2.1.json';

describe('the Worker cron trigger', () => {
  const db = openWebDatabase(env.TURSO_DATABASE_URL!, env.TURSO_AUTH_TOKEN);

  it('runs the due scans, logs each in the Scheduled Job Log, and delivers a queued alert to a webhook', async () => {
    // The webhook refuses the delivery tried right after the upload, so the alert waits in the outbox for the cron.
    const hookPath = `/hook/${crypto.randomUUID()}`;
    const planned = await fetch(`${env.CAPTURE_URL}${CAPTURE_CONTROL.failNext}`, { method: 'POST', body: JSON.stringify({ path: hookPath, count: 1, status: 503 }) });
    expect(planned.status).toBe(204);
    const at = new Date().toISOString();
    const [channel] = await db
      .insert(notifyChannels)
      .values({ kind: 'webhook', name: 'capture', enabled: true, config: { url: `${env.CAPTURE_URL}${hookPath}` }, createdAt: at, updatedAt: at })
      .returning({ id: notifyChannels.id });
    const { body, machineName } = freshReport(errorReport);
    const ctx = createExecutionContext();
    const uploaded = await worker.fetch(
      new Request(`https://backwatch.test/api/upload/${env.UPLOAD_TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      env,
      ctx as never,
    );
    await waitOnExecutionContext(ctx);
    expect(uploaded.status).toBe(200);
    const [queued] = await db.select().from(outbox).where(eq(outbox.channelId, channel!.id));
    expect(queued).toMatchObject({ status: 'pending', attempts: 1 });

    // The trigger time is past the retry back-off, as a tick a minute later would be.
    const scheduledTime = Date.parse(queued!.nextAttemptAt) + 60_000;
    await exports.default.scheduled({ cron: SCHEDULER_CRONS[0], scheduledTime });

    const logged = await db.select().from(jobLog).where(gte(jobLog.startedAt, new Date(scheduledTime).toISOString()));
    expect(logged.map((l) => l.name)).toEqual(expect.arrayContaining(['overdue-scan', 'outbox-delivery']));
    expect(logged.filter((l) => l.status !== 'Completed')).toEqual([]);
    expect(logged.find((l) => l.name === 'outbox-delivery')!.counts).toMatchObject({ attempted: 1, sent: 1 });
    expect(await db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox).where(eq(outbox.channelId, channel!.id))).toEqual([
      { status: 'sent', attempts: 2 },
    ]);

    const captured = (await (await fetch(`${env.CAPTURE_URL}${CAPTURE_CONTROL.captured}`)).json()) as CapturedJson[];
    const hooks = captured.filter((r) => r.path === hookPath);
    expect(hooks).toHaveLength(2);
    expect(hooks[1]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(hooks[1]!.body)).toMatchObject({ event: 'failed', test: false });
    expect(hooks[1]!.body).toContain(machineName);
  });
});
