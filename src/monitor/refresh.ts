import { and, eq, gt, type SQL } from 'drizzle-orm';
import type { Store } from '../db/store';
import { monitors, type MonitorState } from '../db/schema/index';
import type { WriteGroup } from '../db/writer';
import { scheduleValues } from './evaluate-run';
import { GLOBAL_SCOPE, loadSettings } from './settings';

const PAGE = 500;

/**
 * Applies changed settings to the monitors they reach (a job, a server's jobs, or all for the
 * global scope): schedule-derived values are recomputed and each row is handed to the next scan
 * (alert_after = now), which pauses, resumes, or flags it late or overdue as usual.
 */
export async function refreshMonitors(store: Store, scope: string, now: Date): Promise<number> {
  const { db, writer } = store;
  const at = now.toISOString();
  const where: SQL | undefined = scope === GLOBAL_SCOPE
    ? undefined
    : scope.startsWith('server:')
      ? eq(monitors.serverId, scope.slice('server:'.length))
      : eq(monitors.jobId, Number(scope.slice('job:'.length)));
  let refreshed = 0;
  let after = 0;
  for (;;) {
    const rows = await db.select().from(monitors).where(and(where, gt(monitors.jobId, after))).orderBy(monitors.jobId).limit(PAGE);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.jobId;
    const settings = await loadSettings(db, rows.map((r) => ({ jobId: r.jobId, serverId: r.serverId })));
    const writes = rows.map((m) => {
      const s = settings.get(m.jobId)!;
      const learned = m.learnedIntervalSeconds ? { intervalSeconds: m.learnedIntervalSeconds, minuteOfDay: m.learnedMinuteOfDay } : null;
      const sched = scheduleValues(s, m.lastRunAt, m.duplicatiNextRun, learned);
      let state: MonitorState = m.state;
      if (state === 'up' || state === 'new' || state === 'late') {
        state = !sched.nextDueAt ? 'new' : state === 'late' && now.getTime() >= new Date(sched.nextDueAt).getTime() ? 'late' : 'up';
      }
      return db
        .update(monitors)
        .set({ state, stateSince: state === m.state ? m.stateSince : at, scheduleSource: sched.scheduleSource, nextDueAt: sched.nextDueAt, graceSeconds: s.graceSeconds, alertAfter: at, version: m.version + 1, updatedAt: at })
        .where(and(eq(monitors.jobId, m.jobId), eq(monitors.version, m.version)));
    });
    await writer.write(writes as unknown as WriteGroup);
    refreshed += rows.length;
  }
  return refreshed;
}
