import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { jobs } from './backups';

export type MonitorState = 'new' | 'up' | 'late' | 'overdue' | 'failed' | 'paused';
export type ScheduleSource = 'user' | 'duplicati' | 'learned';
export type EventFilter = 'off' | 'all' | 'warnings' | 'errors';
export type ReminderRepeat = 'never' | 'daily' | 'weekly';

/**
 * Monitoring state of one job, kept apart from the jobs table. The effective schedule values
 * (next due time, grace) are stored when a run or a settings change is evaluated, so the minute
 * scan only reads rows whose `alert_after` has passed. `version` guards every state change:
 * updates are conditional on it, so two scans never alert twice.
 */
export const monitors = sqliteTable('monitors', {
  jobId: integer('job_id').primaryKey().references(() => jobs.id, { onDelete: 'cascade' }),
  serverId: text('server_id').notNull(),
  state: text('state').$type<MonitorState>().notNull().default('new'),
  stateSince: text('state_since').notNull(),
  /** Newest run evaluated; the scan re-evaluates jobs whose jobs.last_run_id differs (crash safety). */
  lastRunId: integer('last_run_id'),
  lastRunAt: text('last_run_at'),
  lastStatus: text('last_status'),
  /** Duplicati's own next scheduled run, from the newest report (Extra next-scheduled-run). */
  duplicatiNextRun: text('duplicati_next_run'),
  /** Schedule learned from history (median interval, time of day), refreshed on each run. */
  learnedIntervalSeconds: integer('learned_interval_seconds'),
  learnedMinuteOfDay: integer('learned_minute_of_day'),
  scheduleSource: text('schedule_source').$type<ScheduleSource>(),
  nextDueAt: text('next_due_at'),
  graceSeconds: integer('grace_seconds').notNull(),
  /** When the scan must look at this row next (late, overdue or a reminder); null when nothing is pending. */
  alertAfter: text('alert_after'),
  lastAlertAt: text('last_alert_at'),
  version: integer('version').notNull().default(1),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('monitors_alert_after_idx').on(t.alertAfter)]);

/**
 * Monitoring and notification settings per scope: 'global', 'server:<machine-id>' or 'job:<id>'.
 * A null column inherits from the wider scope (job → server → global → built-in default).
 */
export const monitorSettings = sqliteTable('monitor_settings', {
  scope: text('scope').primaryKey(),
  /** Expected interval in Duplicati's grammar (1D, 12h, 1W, 1D12h) or a cron expression; one of them. */
  interval: text('interval'),
  cron: text('cron'),
  timeZone: text('time_zone'),
  /** Allowed weekdays as a bit mask, bit 0 = Sunday; null = every day. */
  weekdays: integer('weekdays'),
  graceSeconds: integer('grace_seconds'),
  paused: integer('paused', { mode: 'boolean' }),
  events: text('events').$type<EventFilter>(),
  /** Channel ids to notify; null = every enabled channel. */
  channels: text('channels', { mode: 'json' }).$type<number[]>(),
  reminder: text('reminder').$type<ReminderRepeat>(),
  digest: integer('digest', { mode: 'boolean' }),
  updatedAt: text('updated_at').notNull(),
});

export type MonitorEventKind = 'success' | 'warning' | 'failed' | 'overdue' | 'recovered';

/**
 * Every alert-worthy state change, with a snapshot of what templates need. `key` names the
 * event (e.g. failed:run:42, overdue:job:7:<due>), so the same change is never recorded twice.
 */
export const monitorEvents = sqliteTable('monitor_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  jobId: integer('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<MonitorEventKind>().notNull(),
  reminder: integer('reminder', { mode: 'boolean' }).notNull().default(false),
  runId: integer('run_id'),
  fromState: text('from_state').$type<MonitorState>().notNull(),
  toState: text('to_state').$type<MonitorState>().notNull(),
  details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('monitor_events_job_idx').on(t.jobId, t.createdAt)]);
