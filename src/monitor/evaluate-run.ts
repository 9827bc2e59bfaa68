import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../db/database';
import type { Store } from '../db/store';
import { preparedOnce } from '../db/prepared';
import { backupRuns, jobs, monitorSettings, monitors } from '../db/schema/index';
import { cachedRecipients, planDeliveries, type Recipients } from '../notify/targets';
import { runDetails, type RunFacts } from './event-details';
import { effectiveSchedule, learnSchedule, nextDue } from './schedule';
import { GLOBAL_SCOPE, loadSettings, resolveSettings, scopeSettingsFromJson, scopeSettingsJson, type EffectiveSettings } from './settings';
import { onRun } from './transitions';
import { transitionWrites, type NewEvent } from './write-transition';

export type MonitorRow = typeof monitors.$inferSelect;
/** The monitor columns an evaluation reads. */
export type MonitorBefore = Pick<
  MonitorRow,
  'state' | 'stateSince' | 'lastRunId' | 'lastRunAt' | 'lastStatus' | 'learnedIntervalSeconds' | 'learnedMinuteOfDay' | 'nextDueAt' | 'lastAlertAt' | 'version'
>;
export type JobRef = { jobId: number; serverId: string; lastRunId: number | null };

const LEARN_FROM_RUNS = 20;
const RELEARN_EVERY = 10;

/** The newest start times as one JSON array: one row costs the read far less than twenty. */
const recentRuns = preparedOnce((db) => {
  const recent = db
    .select({ beginTime: backupRuns.beginTime })
    .from(backupRuns)
    .where(eq(backupRuns.jobId, sql.placeholder('jobId')))
    .orderBy(desc(backupRuns.beginTime))
    .limit(LEARN_FROM_RUNS)
    .as('recent');
  return db
    .select({ beginTimes: sql<string>`json_group_array(${recent.beginTime})` })
    .from(recent)
    .prepare();
});

async function recentBeginTimes(db: Database, jobId: number): Promise<Date[]> {
  const [row] = await recentRuns(db).all({ jobId });
  return (JSON.parse(row!.beginTimes) as string[]).map((t) => new Date(t));
}

/** The schedule-derived values of a monitor for a job whose newest run began at `lastRunAt`. */
export function scheduleValues(settings: EffectiveSettings, lastRunAt: string | null, duplicatiNextRun: string | null, learned: { intervalSeconds: number; minuteOfDay: number | null } | null) {
  const usableNext = duplicatiNextRun && lastRunAt && duplicatiNextRun > lastRunAt ? duplicatiNextRun : null;
  const eff = effectiveSchedule({
    user: { interval: settings.interval, cron: settings.cron, timeZone: settings.timeZone, weekdays: settings.weekdays },
    duplicatiNextRun: usableNext,
    learned,
  });
  const due = eff && lastRunAt ? nextDue(eff.schedule, new Date(lastRunAt)) : null;
  return { scheduleSource: eff?.source ?? null, scheduleLabel: eff?.label ?? null, nextDueAt: due?.toISOString() ?? null };
}

/**
 * Evaluates the newest run of a job: new state, event and deliveries, written atomically and
 * conditionally on the monitor's version. Returns how many deliveries were queued. A run that is
 * not the job's newest changes nothing (an old report arriving late never flips the state).
 */
export async function evaluateRun(
  store: Store,
  job: JobRef,
  monitor: MonitorBefore | undefined,
  run: RunFacts & { nextScheduledRun?: string | null },
  now: Date,
  context: { settings?: EffectiveSettings; recipients?: Recipients; runCount?: number } = {},
): Promise<number> {
  if (job.lastRunId !== run.id || monitor?.lastRunId === run.id) return 0;
  const { db, writer } = store;
  const settings = context.settings ?? (await loadSettings(db, [job])).get(job.jobId)!;
  const duplicatiNextRun = run.nextScheduledRun ?? null;
  // History is read only when no better source exists, and once learned only every RELEARN_EVERY
  // runs (a schedule rarely changes), so most uploads skip that query.
  const stored = monitor?.learnedIntervalSeconds ? { intervalSeconds: monitor.learnedIntervalSeconds, minuteOfDay: monitor.learnedMinuteOfDay } : null;
  const relearn = !(settings.interval || settings.cron || duplicatiNextRun) && (!stored || context.runCount === undefined || context.runCount % RELEARN_EVERY === 0);
  const learned = relearn ? learnSchedule(await recentBeginTimes(db, job.jobId), settings.timeZone) : stored;
  const sched = scheduleValues(settings, run.beginTime, duplicatiNextRun, learned);
  const previous = monitor ?? { state: 'new' as const, lastRunAt: null, lastStatus: null, nextDueAt: null, lastAlertAt: null };
  const policy = { paused: settings.paused, graceSeconds: settings.graceSeconds, reminder: settings.reminder };
  const t = onRun(previous, run, sched.nextDueAt, policy, now);

  let event: NewEvent | null = null;
  let deliveries: ReturnType<typeof planDeliveries> = [];
  // Success is only an event for jobs that asked for every run; state changes are always kept.
  if (t.event && (t.event.kind !== 'success' || settings.events === 'all')) {
    event = {
      key: `${t.event.kind}:run:${run.id}`,
      kind: t.event.kind,
      reminder: false,
      runId: run.id,
      fromState: previous.state,
      toState: t.state,
      details: {
        serverId: job.serverId,
        backupName: run.backupName,
        run: runDetails(run),
        lastRunAt: run.beginTime,
        nextDueAt: sched.nextDueAt,
        graceSeconds: settings.graceSeconds,
        schedule: sched.scheduleLabel,
        scheduleSource: sched.scheduleSource,
      },
    };
    deliveries = planDeliveries(t.event.kind, { jobId: job.jobId, events: settings.events, channels: settings.channels }, context.recipients ?? (await cachedRecipients(db)));
  }
  const at = now.toISOString();
  await writer.write(
    transitionWrites(
      db,
      monitor?.version ?? 0,
      {
        jobId: job.jobId,
        serverId: job.serverId,
        state: t.state,
        stateSince: t.state === previous.state && monitor ? monitor.stateSince : at,
        lastRunId: run.id,
        lastRunAt: run.beginTime,
        lastStatus: run.status,
        duplicatiNextRun,
        learnedIntervalSeconds: learned?.intervalSeconds ?? null,
        learnedMinuteOfDay: learned?.minuteOfDay ?? null,
        scheduleSource: sched.scheduleSource,
        nextDueAt: sched.nextDueAt,
        graceSeconds: settings.graceSeconds,
        alertAfter: t.alertAfter,
        lastAlertAt: t.lastAlertAt,
      },
      event,
      deliveries,
      now,
    ),
  );
  return deliveries.length;
}

/**
 * Each column costs the read a little (native value, row object, drizzle mapping), so only what
 * evaluateRun uses is selected, and each settings scope as one JSON column. Drizzle turns a
 * left-joined object into null when its first column is null, so the monitor starts with state,
 * which a present row never has null.
 */
const jobForRun = preparedOnce((db) => {
  const jobSettings = alias(monitorSettings, 'job_settings');
  const serverSettings = alias(monitorSettings, 'server_settings');
  const globalSettings = alias(monitorSettings, 'global_settings');
  return db
    .select({
      jobId: jobs.id,
      serverId: jobs.serverId,
      lastRunId: jobs.lastRunId,
      runCount: jobs.runCount,
      monitor: {
        state: monitors.state,
        stateSince: monitors.stateSince,
        lastRunId: monitors.lastRunId,
        lastRunAt: monitors.lastRunAt,
        lastStatus: monitors.lastStatus,
        learnedIntervalSeconds: monitors.learnedIntervalSeconds,
        learnedMinuteOfDay: monitors.learnedMinuteOfDay,
        nextDueAt: monitors.nextDueAt,
        lastAlertAt: monitors.lastAlertAt,
        version: monitors.version,
      } satisfies Record<keyof MonitorBefore, unknown>,
      job: scopeSettingsJson(jobSettings),
      server: scopeSettingsJson(serverSettings),
      global: scopeSettingsJson(globalSettings),
    })
    .from(jobs)
    .leftJoin(monitors, eq(monitors.jobId, jobs.id))
    .leftJoin(jobSettings, eq(jobSettings.scope, sql`'job:' || ${jobs.id}`))
    .leftJoin(serverSettings, eq(serverSettings.scope, sql`'server:' || ${jobs.serverId}`))
    .leftJoin(globalSettings, eq(globalSettings.scope, GLOBAL_SCOPE))
    .where(and(eq(jobs.serverId, sql.placeholder('machineId')), eq(jobs.backupId, sql.placeholder('backupId'))))
    .prepare();
});

/** Ingest's hook: evaluates a run just stored by POST /api/upload or a replay (one read: job, monitor and its settings scopes). */
export async function recordRunTransition(store: Store, run: RunFacts & { machineId: string; backupId: string; nextScheduledRun: string | null }, now: Date): Promise<number> {
  const [row] = await jobForRun(store.db).all({ machineId: run.machineId, backupId: run.backupId });
  if (!row) return 0;
  const settings = resolveSettings([scopeSettingsFromJson(row.job), scopeSettingsFromJson(row.server), scopeSettingsFromJson(row.global)]);
  return evaluateRun(store, row, row.monitor ?? undefined, run, now, { settings, runCount: row.runCount });
}
