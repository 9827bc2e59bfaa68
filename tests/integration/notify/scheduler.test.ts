import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { jobLog } from '../../../src/db/schema/index';
import { runScheduled } from '../../../src/monitor/scheduler';
import { createTestApp, manualClock } from '../../support/test-app';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('the scheduler', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ clock: manualClock('2026-01-15T02:59:00.000Z') });
  });
  afterEach(() => t.close());

  const log = () => t.db.select().from(jobLog).orderBy(asc(jobLog.id));

  it('runs the minute scans every minute and the daily ones once a day from their hour', async () => {
    await runScheduled(t.deps, t.clock.now());
    expect((await log()).map((r) => r.name)).toEqual(['overdue-scan', 'outbox-delivery']);

    t.clock.set('2026-01-15T03:00:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    t.clock.set('2026-01-15T03:01:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    const names = (await log()).map((r) => r.name);
    expect(names.filter((n) => n === 'retention')).toHaveLength(1);
    expect(names.filter((n) => n === 'overdue-scan')).toHaveLength(3);

    t.clock.set('2026-01-16T03:00:00.000Z');
    await runScheduled(t.deps, t.clock.now());
    expect((await log()).filter((r) => r.name === 'retention')).toHaveLength(2);
  });

  it('logs a scan that throws as Failed with its error, and still runs the others', async () => {
    await t.deps.store.db.run('ALTER TABLE outbox RENAME TO outbox_gone');
    const outcomes = await runScheduled(t.deps, t.clock.now());
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([['overdue-scan', 'Completed'], ['outbox-delivery', 'Failed']]);
    const rows = await log();
    expect(rows.map((r) => r.status)).toEqual(['Completed', 'Failed']);
    expect(rows[1]!.error).toContain('no such table: outbox');
    expect(rows[0]!.counts).toMatchObject({ checked: 0, overdue: 0 });
    expect(rows[0]!.startedAt).toBe('2026-01-15T02:59:00.000Z');
  });
});
