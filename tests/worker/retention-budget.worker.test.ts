import { describe, expect, inject, it } from 'vitest';
import { eq, lt, sql } from 'drizzle-orm';
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/worker';
import { openWebDatabase } from '../../src/db/web-client';
import { auditLog, errorLog, integrationRequests, jobLog } from '../../src/db/schema/index';
import { SCHEDULER_CRONS } from '../../src/monitor/scheduler';
import { FREE_PLAN_LIMIT, fetchesDuring } from './subrequests';

/**
 * Old rows per log: about 50 delete slices of 2,000 rows, so deleting them all in one invocation
 * would pass the free plan's 50 subrequests by itself.
 */
const OLD = { error_log: 60_000, job_log: 20_000, integration_requests: 9_000, audit_log: 2_500 };
type Log = keyof typeof OLD;
const LOGS = Object.keys(OLD) as Log[];
const KEPT = 3;

/** Each log's table, its age column, and one row of it as SQL (`at` is the row's age, `i` its number). */
const TABLES = {
  error_log: { t: errorLog, at: errorLog.createdAt, columns: 'created_at, method, path, message', row: (at: string) => sql`${at}, 'GET', '/p/' || i, 'old enough?'` },
  job_log: { t: jobLog, at: jobLog.startedAt, columns: 'name, started_at, duration_ms, status, counts', row: (at: string) => sql`'overdue-scan', ${at}, 1, 'Completed', '{}'` },
  integration_requests: {
    t: integrationRequests, at: integrationRequests.createdAt, columns: 'direction, kind, endpoint, method, status, headers, created_at, updated_at',
    row: (at: string) => sql`'inbound', 'upload', '/api/upload', 'POST', 'Completed', '{}', ${at}, ${at}`,
  },
  audit_log: { t: auditLog, at: auditLog.createdAt, columns: 'created_at, action, actor_type', row: (at: string) => sql`${at}, 'login.success', 'admin'` },
};
const RETENTION_DAYS: Record<Log, number> = { error_log: 90, job_log: 90, integration_requests: 90, audit_log: 365 };

describe('retention on the Worker', () => {
  // A database of its own (delivery-budget-setup.ts): its old rows and its ticks are this test's alone.
  const retentionEnv = { ...env, TURSO_DATABASE_URL: inject('retentionTursoUrl') };
  const db = openWebDatabase(retentionEnv.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN);
  const cutoff = (log: Log, now: Date) => new Date(now.getTime() - RETENTION_DAYS[log] * 86_400_000).toISOString();

  /** Rows a day past each log's retention, and a few a day old that must stay. */
  async function seed(now: Date) {
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    for (const log of LOGS) {
      for (const [count, at] of [[OLD[log], ago(RETENTION_DAYS[log] + 1)], [KEPT, ago(1)]] as const) {
        await db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count}) insert into ${sql.raw(log)} (${sql.raw(TABLES[log].columns)}) select ${TABLES[log].row(at)} from n`);
      }
    }
  }

  it('spreads a large cleanup over successive ticks, each within 50 subrequests, until every old row is gone', async () => {
    const start = new Date();
    start.setUTCDate(start.getUTCDate() + 2);
    start.setUTCHours(3, 0, 0, 0);
    await seed(start);

    const retentionRuns = () => db.select({ counts: jobLog.counts, status: jobLog.status }).from(jobLog).where(eq(jobLog.name, 'retention')).orderBy(jobLog.id);
    const runTick = (n: number) => worker.scheduled(createScheduledController({ cron: SCHEDULER_CRONS[0], scheduledTime: start.getTime() + n * 60_000 }) as never, retentionEnv, createExecutionContext() as never);
    let tick = 0;
    for (let runs = await retentionRuns(); runs.at(-1)?.counts.more !== 0; runs = await retentionRuns()) {
      expect(tick, 'ticks needed to finish the cleanup').toBeLessThan(30);
      const urls = await fetchesDuring(() => runTick(tick++));
      expect(urls.length, `tick ${tick}: subrequests`).toBeLessThanOrEqual(FREE_PLAN_LIMIT);
    }

    const runs = await retentionRuns();
    expect(runs.every((r) => r.status === 'Completed')).toBe(true);
    // More than one invocation was needed, and each but the last said more rows remain.
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.map((r) => r.counts.more)).toEqual([...Array(runs.length - 1).fill(1), 0]);
    for (const log of LOGS) {
      expect(runs.reduce((n, r) => n + (r.counts[log] ?? 0), 0), `${log}: deleted over all runs`).toBe(OLD[log]);
      expect(await db.$count(TABLES[log].t, lt(TABLES[log].at, cutoff(log, start))), `${log}: old rows left`).toBe(0);
    }
    // The recent rows stay (the job log also holds the runs of these ticks).
    for (const log of ['error_log', 'integration_requests', 'audit_log'] as const) expect(await db.$count(TABLES[log].t), log).toBe(KEPT);

    // Done for the day: the next tick does not run retention again.
    await runTick(tick);
    expect(await retentionRuns()).toHaveLength(runs.length);
  });
});
