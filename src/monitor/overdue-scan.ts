import { and, eq, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import type { Store } from '../db/store';
import { backupRuns, jobs, monitors } from '../db/schema/index';
import type { WriteGroup } from '../db/writer';
import { loadRecipients, planDeliveries, type Delivery } from '../notify/targets';
import { evaluateRun } from './evaluate-run';
import { formatInterval } from './interval';
import { loadSettings, type EffectiveSettings } from './settings';
import { nextAlertAfter, onTick } from './transitions';
import { scanWrites, type NewEvent, type ScanChange } from './write-transition';

export type ScanCounts = { reconciled: number; checked: number; late: number; overdue: number; reminders: number; resumed: number; queued: number };

const BATCH = 1000;

function scheduleLabel(settings: EffectiveSettings, m: typeof monitors.$inferSelect): string | null {
  if (m.scheduleSource === 'user') return settings.cron ?? settings.interval;
  if (m.scheduleSource === 'learned' && m.learnedIntervalSeconds) return formatInterval(m.learnedIntervalSeconds);
  if (m.scheduleSource === 'duplicati') return `next ${m.duplicatiNextRun}`;
  return null;
}

/**
 * Runs evaluation for jobs whose newest run was stored but never evaluated (the process stopped
 * between storing and evaluating): ingest stays correct across crashes without a transaction
 * spanning both.
 */
async function reconcile(store: Store, now: Date): Promise<{ reconciled: number; queued: number; errors: string[] }> {
  const { db } = store;
  const stale = await db
    .select({ jobId: jobs.id, serverId: jobs.serverId, lastRunId: jobs.lastRunId, monitor: monitors })
    .from(jobs)
    .leftJoin(monitors, eq(monitors.jobId, jobs.id))
    .where(and(isNotNull(jobs.lastRunId), or(isNull(monitors.jobId), ne(monitors.lastRunId, jobs.lastRunId), isNull(monitors.lastRunId))))
    .limit(BATCH);
  let queued = 0;
  const errors: string[] = [];
  for (const job of stale) {
    try {
      const [run] = await db.select().from(backupRuns).where(eq(backupRuns.id, job.lastRunId!));
      if (run) queued += await evaluateRun(store, job, job.monitor ?? undefined, run, now);
    } catch (err) {
      errors.push(`job ${job.jobId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { reconciled: stale.length - errors.length, queued, errors };
}

/**
 * The minute scan: jobs whose alert time has passed become late, then overdue (one event), and
 * get reminders; paused and resumed jobs are brought in line. Every change is conditional on the
 * row's version and event keys follow from the state before the change, so overlapping scans (two
 * Node processes, a Worker cron overlapping a slow run) never alert twice. All changes of one
 * pass are one atomic write of a few set-based statements.
 */
export async function scanMonitors(store: Store, now: Date): Promise<ScanCounts> {
  const counts: ScanCounts = { reconciled: 0, checked: 0, late: 0, overdue: 0, reminders: 0, resumed: 0, queued: 0 };
  const { db } = store;
  const fixed = await reconcile(store, now);
  counts.reconciled = fixed.reconciled;
  counts.queued += fixed.queued;

  const due = await db
    .select({ m: monitors, name: jobs.name })
    .from(monitors)
    .innerJoin(jobs, eq(jobs.id, monitors.jobId))
    .where(lte(monitors.alertAfter, now.toISOString()))
    .orderBy(monitors.alertAfter)
    .limit(BATCH);
  counts.checked = due.length;
  if (due.length > 0) await applyDue(store, due, counts, now);
  // One job that cannot be evaluated must not hold up the others; the scan still reports it as failed.
  if (fixed.errors.length > 0) {
    throw new Error(`${fixed.errors.length} job(s) could not be evaluated (the others were): ${fixed.errors.slice(0, 3).join('; ')}`);
  }
  return counts;
}

async function applyDue(store: Store, due: { m: typeof monitors.$inferSelect; name: string }[], counts: ScanCounts, now: Date): Promise<void> {
  const { db, writer } = store;
  const at = now.toISOString();
  const settings = await loadSettings(db, due.map(({ m }) => ({ jobId: m.jobId, serverId: m.serverId })));
  const recipients = await loadRecipients(db);
  const changes: ScanChange[] = [];
  for (const { m, name } of due) {
    const s = settings.get(m.jobId)!;
    const policy = { paused: s.paused, graceSeconds: m.graceSeconds, reminder: s.reminder };
    const t = onTick(m, policy, now);
    const base = { jobId: m.jobId, expectedVersion: m.version, state: m.state, stateSince: m.stateSince, lastAlertAt: m.lastAlertAt };
    if (!t) {
      // Nothing changes yet; look again only when something can.
      changes.push({ ...base, alertAfter: nextAlertAfter(m.state, m.nextDueAt, policy, m.lastAlertAt), event: null, deliveries: [] });
      continue;
    }
    if (t.state === 'late') counts.late++;
    if (m.state === 'paused' && t.state !== 'paused') counts.resumed++;
    let event: NewEvent | null = null;
    let deliveries: Delivery[] = [];
    if (t.event) {
      if (t.event.reminder) counts.reminders++;
      else counts.overdue++;
      event = {
        key: t.event.reminder ? `${t.event.kind}-reminder:job:${m.jobId}:${m.lastAlertAt}` : `overdue:job:${m.jobId}:${m.nextDueAt}`,
        kind: t.event.kind,
        reminder: t.event.reminder,
        runId: m.lastRunId,
        fromState: m.state,
        toState: t.state,
        details: {
          serverId: m.serverId,
          backupName: name,
          lastRunAt: m.lastRunAt,
          nextDueAt: m.nextDueAt,
          graceSeconds: m.graceSeconds,
          schedule: scheduleLabel(s, m),
          scheduleSource: m.scheduleSource,
        },
      };
      deliveries = planDeliveries(t.event.kind, { jobId: m.jobId, events: s.events, channels: s.channels }, recipients);
      counts.queued += deliveries.length;
    }
    changes.push({ ...base, state: t.state, stateSince: t.state === m.state ? m.stateSince : at, alertAfter: t.alertAfter, lastAlertAt: t.lastAlertAt, event, deliveries });
  }
  await writer.write(scanWrites(db, changes, now) as unknown as WriteGroup);
}
