import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { monitorEvents, monitors, notifyChannels, outbox } from '../../../src/db/schema/index';
import { parseReport, type ParsedRun } from '../../../src/ingest/parse-report';
import { storeRun } from '../../../src/ingest/store-run';
import { recordIntegrationRequest } from '../../../src/admin/integration-requests';
import { scanMonitors } from '../../../src/monitor/overdue-scan';
import { GLOBAL_SCOPE, jobScope, saveScopeSettings } from '../../../src/monitor/settings';
import { refreshMonitors } from '../../../src/monitor/refresh';
import { createTestApp, manualClock, upload } from '../../support/test-app';
import { fixture } from '../../support/fixtures';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const success = fixture('duplicati/01-backup-success-2.1.json');
const failure = fixture('duplicati/03-backup-error-2.1.json');
const runAt = (report: Record<string, any>, begin: string, extra: Record<string, string> = {}) => ({
  ...report,
  Extra: { ...report.Extra, ...extra },
  Data: { ...report.Data, BeginTime: begin, EndTime: begin },
});

describe('monitor scans against a real database', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({ clock: manualClock('2025-05-01T02:30:00.000Z') });
    const at = t.clock.now().toISOString();
    await t.db.insert(notifyChannels).values({ kind: 'webhook', name: 'hook', config: { url: 'http://127.0.0.1:9/' }, createdAt: at, updatedAt: at });
  });
  afterEach(() => t.close());

  async function jobState() {
    const [m] = await t.db.select().from(monitors);
    return m!;
  }

  it('alerts once when two scans overlap on the same overdue job', async () => {
    await saveScopeSettings(t.db, GLOBAL_SCOPE, { interval: '1D' }, t.clock.now());
    expect((await upload(t.app, runAt(success, '2025-05-01T02:00:00Z'))).status).toBe(200);
    const later = new Date('2025-05-02T04:05:00.000Z');
    const [a, b, c] = await Promise.all([scanMonitors(t.deps.store, later), scanMonitors(t.deps.store, later), scanMonitors(t.deps.store, new Date(later.getTime() + 60_000))]);
    expect(a.overdue + b.overdue + c.overdue).toBeGreaterThanOrEqual(1);
    expect(await t.db.$count(monitorEvents, eq(monitorEvents.kind, 'overdue'))).toBe(1);
    expect(await t.db.$count(outbox)).toBe(1);
    expect((await jobState()).state).toBe('overdue');
  });

  it('evaluates a run that was stored but never evaluated (a crash between the two)', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(failure));
    const requestId = await recordIntegrationRequest(t.deps.store, { direction: 'inbound', kind: 'upload', endpoint: '/api/upload', method: 'POST', status: 'Queued', headers: {}, body: bytes }, t.clock.now());
    const report = parseReport(failure, new Date('2025-05-03T03:00:00Z'));
    await storeRun(t.deps.store, (report as { run: ParsedRun }).run, requestId, t.clock.now());
    expect(await t.db.$count(monitors)).toBe(0);

    const counts = await scanMonitors(t.deps.store, new Date('2025-05-03T03:01:00Z'));
    expect(counts).toMatchObject({ reconciled: 1, queued: 1 });
    expect((await jobState()).state).toBe('failed');
    expect(await t.db.$count(monitorEvents, eq(monitorEvents.kind, 'failed'))).toBe(1);
    expect((await scanMonitors(t.deps.store, new Date('2025-05-03T03:02:00Z'))).reconciled).toBe(0);
  });

  it('learns a daily schedule after three runs and shows it as learned', async () => {
    for (const day of ['01', '02', '03']) expect((await upload(t.app, runAt(success, `2025-05-${day}T02:00:00Z`))).status).toBe(200);
    expect(await jobState()).toMatchObject({ scheduleSource: 'learned', learnedIntervalSeconds: 86_400, learnedMinuteOfDay: 120, nextDueAt: '2025-05-04T02:00:00.000Z', state: 'up' });
  });

  it("prefers Duplicati's next scheduled run over history", async () => {
    expect((await upload(t.app, runAt(success, '2025-05-01T02:00:00Z', { 'next-scheduled-run': '20250501T140000Z' }))).status).toBe(200);
    expect(await jobState()).toMatchObject({ scheduleSource: 'duplicati', nextDueAt: '2025-05-01T14:00:00.000Z' });
  });

  it('keeps a job without any schedule in state new and never alarms it by time', async () => {
    expect((await upload(t.app, runAt(success, '2025-05-01T02:00:00Z'))).status).toBe(200);
    expect(await jobState()).toMatchObject({ state: 'new', alertAfter: null, scheduleSource: null });
    expect((await scanMonitors(t.deps.store, new Date('2025-06-01T00:00:00Z'))).checked).toBe(0);
  });

  it('does not alarm a paused job, and alarms it again once resumed', async () => {
    await saveScopeSettings(t.db, GLOBAL_SCOPE, { interval: '1D' }, t.clock.now());
    expect((await upload(t.app, runAt(success, '2025-05-01T02:00:00Z'))).status).toBe(200);
    const jobId = (await jobState()).jobId;
    await saveScopeSettings(t.db, jobScope(jobId), { paused: true }, t.clock.now());
    await refreshMonitors(t.deps.store, jobScope(jobId), t.clock.now());
    await scanMonitors(t.deps.store, t.clock.now());
    expect((await jobState()).state).toBe('paused');
    expect((await scanMonitors(t.deps.store, new Date('2025-05-03T00:00:00Z'))).overdue).toBe(0);

    await saveScopeSettings(t.db, jobScope(jobId), { paused: null }, t.clock.now());
    await refreshMonitors(t.deps.store, jobScope(jobId), new Date('2025-05-03T00:00:00Z'));
    await scanMonitors(t.deps.store, new Date('2025-05-03T00:00:00Z'));
    expect((await jobState()).state).toBe('up');
    expect((await scanMonitors(t.deps.store, new Date('2025-05-03T00:01:00Z'))).overdue).toBe(1);
  });

  it('takes a lower grace from the job over the global one', async () => {
    await saveScopeSettings(t.db, GLOBAL_SCOPE, { interval: '1D', graceSeconds: 7200 }, t.clock.now());
    expect((await upload(t.app, runAt(success, '2025-05-01T02:00:00Z'))).status).toBe(200);
    const jobId = (await jobState()).jobId;
    await saveScopeSettings(t.db, jobScope(jobId), { graceSeconds: 600 }, t.clock.now());
    await refreshMonitors(t.deps.store, jobScope(jobId), t.clock.now());
    expect((await scanMonitors(t.deps.store, new Date('2025-05-02T02:11:00Z'))).overdue).toBe(1);
  });

  it('evaluates the other jobs when one cannot be, and reports the scan as failed', async () => {
    expect((await upload(t.app, runAt(success, '2025-05-01T02:00:00Z'))).status).toBe(200);
    const broken = (await jobState()).jobId;
    await saveScopeSettings(t.db, jobScope(broken), { cron: 'not a cron' }, t.clock.now());
    const other = { ...failure, Extra: { ...failure.Extra, 'backup-id': 'DB-2', 'backup-name': 'Photos' } };
    await t.db.delete(monitors);
    const bytes = new TextEncoder().encode(JSON.stringify(other));
    for (const report of [runAt(success, '2025-05-02T02:00:00Z'), other]) {
      const requestId = await recordIntegrationRequest(t.deps.store, { direction: 'inbound', kind: 'upload', endpoint: '/api/upload', method: 'POST', status: 'Queued', headers: {}, body: bytes }, t.clock.now());
      await storeRun(t.deps.store, (parseReport(report, new Date('2025-05-04T00:00:00Z')) as { run: ParsedRun }).run, requestId, t.clock.now());
    }
    await expect(scanMonitors(t.deps.store, new Date('2025-05-03T03:01:00Z'))).rejects.toThrow(/1 job\(s\) could not be evaluated.*job \d+: CronPattern/);
    expect(await t.db.$count(monitorEvents, eq(monitorEvents.kind, 'failed'))).toBe(1);
  });
});
