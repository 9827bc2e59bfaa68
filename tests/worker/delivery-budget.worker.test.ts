import { describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/worker';
import { openWebDatabase } from '../../src/db/web-client';
import { integrationRequests, jobLog, notifyChannels, outbox } from '../../src/db/schema/index';
import { GLOBAL_SCOPE, saveScopeSettings } from '../../src/monitor/settings';
import { SCHEDULER_CRONS } from '../../src/monitor/scheduler';
import { sealSecret } from '../../src/notify/secret-box';
import { freshReport } from '../support/scenarios';
import errorReport from '../fixtures/duplicati/03-backup-error-2.1.json';
import { FREE_PLAN_LIMIT, fetchesDuring } from './subrequests';

const WEBHOOKS = 120;

type Spent = { database: number; webhooks: number; emails: number; total: number };

describe('the Worker on the free plan', () => {
  // A database of its own (delivery-budget-setup.ts): the count must not include other tests' alerts.
  const budgetEnv = { ...env, TURSO_DATABASE_URL: env.BUDGET_TURSO_DATABASE_URL };
  const tursoUrl = budgetEnv.TURSO_DATABASE_URL!;
  const db = openWebDatabase(tursoUrl, env.TURSO_AUTH_TOKEN);

  /**
   * Runs one invocation and counts what Cloudflare counts as its subrequests: every fetch, plus
   * the SMTP connections, read back from the e-mail Integration Requests the invocation wrote.
   */
  async function invocation(name: string, run: () => Promise<unknown>): Promise<Spent> {
    const [before] = await db.select({ id: max(integrationRequests.id) }).from(integrationRequests);
    const urls = await fetchesDuring(run);
    const emails = await db.$count(integrationRequests, and(eq(integrationRequests.kind, 'email'), gt(integrationRequests.id, before?.id ?? 0)));
    const database = urls.filter((u) => u.startsWith(tursoUrl)).length;
    const webhooks = urls.filter((u) => u.startsWith(env.CAPTURE_URL!)).length;
    const spent = { database, webhooks, emails, total: urls.length + emails };
    expect(spent.total, `${name}: ${JSON.stringify(spent)}`).toBeLessThanOrEqual(FREE_PLAN_LIMIT);
    return spent;
  }

  it('keeps each upload and each cron tick within 50 subrequests and delivers 121 queued alerts over the next ticks', async () => {
    const at = new Date().toISOString();
    const hookPrefix = `/budget/${crypto.randomUUID()}`;
    await db.insert(notifyChannels).values(
      Array.from({ length: WEBHOOKS }, (_, i) => ({ kind: 'webhook', name: `hook ${i}`, enabled: true, config: { url: `${env.CAPTURE_URL}${hookPrefix}/${i}` }, createdAt: at, updatedAt: at })),
    );
    // One e-mail channel (worker-mailer over cloudflare:sockets): it gets the alert and the daily digest.
    await db.insert(notifyChannels).values({
      kind: 'email', name: 'ops', enabled: true, createdAt: at, updatedAt: at,
      config: { host: '127.0.0.1', port: Number(env.SMTP_PORT), security: 'none', username: env.SMTP_USER, fromAddress: 'backwatch@example.com', recipients: ['ops@example.com'] },
      secret: await sealSecret(env.SECRET_KEY!, env.SMTP_PASSWORD!),
    });
    await saveScopeSettings(db, GLOBAL_SCOPE, { digest: true }, new Date());

    const { body } = freshReport(errorReport);
    const ctx = createExecutionContext();
    const spent: Spent[] = [];
    spent.push(
      await invocation('upload', async () => {
        const res = await worker.fetch(
          new Request(`https://backwatch.test/api/upload/${env.UPLOAD_TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
          budgetEnv,
          ctx as never,
        );
        expect(res.status).toBe(200);
        await waitOnExecutionContext(ctx);
      }),
    );
    const queued = await db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox);
    expect(queued).toHaveLength(WEBHOOKS + 1);
    const sentByUpload = spent[0]!.webhooks + spent[0]!.emails;
    expect(sentByUpload).toBeGreaterThan(0);
    expect(queued.filter((q) => q.status === 'sent')).toHaveLength(sentByUpload);
    // What did not fit stays due, untouched, for the cron.
    expect(queued.filter((q) => q.status === 'pending' && q.attempts === 0)).toHaveLength(WEBHOOKS + 1 - sentByUpload);

    // Ticks a minute apart from 06:58 UTC tomorrow: retention (after 03:00) and the digest (after 07:00) come due on the way.
    const start = new Date();
    start.setUTCDate(start.getUTCDate() + 1);
    start.setUTCHours(6, 57, 0, 0);
    const sentSoFar = () => db.$count(outbox, eq(outbox.status, 'sent'));
    let tick = 0;
    for (let sent = sentByUpload; sent < WEBHOOKS + 1; ) {
      expect(tick, 'ticks needed to deliver everything').toBeLessThan(20);
      const scheduledTime = start.getTime() + ++tick * 60_000;
      spent.push(await invocation(`tick ${tick}`, () => worker.scheduled(createScheduledController({ cron: SCHEDULER_CRONS[0], scheduledTime }) as never, budgetEnv, createExecutionContext() as never)));
      const now = await sentSoFar();
      expect(now, `tick ${tick} delivered nothing`).toBeGreaterThan(sent);
      sent = now;
    }
    expect(spent.reduce((n, s) => n + s.webhooks, 0)).toBe(WEBHOOKS);
    expect(await db.$count(integrationRequests, and(eq(integrationRequests.direction, 'outbound'), eq(integrationRequests.status, 'Failed')))).toBe(0);

    // One every-minute trigger ran every scan, the daily ones included, and each stayed in budget.
    const logged = await db.select({ name: jobLog.name, status: jobLog.status, counts: jobLog.counts }).from(jobLog);
    expect(new Set(logged.map((l) => l.name))).toEqual(new Set(['overdue-scan', 'retention', 'daily-digest', 'outbox-delivery']));
    expect(logged.filter((l) => l.status !== 'Completed')).toEqual([]);
    expect(logged.find((l) => l.name === 'daily-digest')!.counts).toMatchObject({ sent: 1, failed: 0 });
  });
});
