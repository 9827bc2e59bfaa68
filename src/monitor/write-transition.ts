import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { monitors, type MonitorEventKind, type MonitorState } from '../db/schema/index';
import type { WriteGroup } from '../db/writer';
import { bind, placeholders, preparedOnce } from '../db/prepared';
import type { Delivery } from '../notify/targets';
import type { EventDetails } from './event-details';

export type MonitorValues = Omit<typeof monitors.$inferInsert, 'version' | 'updatedAt'>;

export type NewEvent = {
  key: string;
  kind: MonitorEventKind;
  reminder: boolean;
  runId: number | null;
  fromState: MonitorState;
  toState: MonitorState;
  details: EventDetails;
};

const MONITOR_COLUMNS = [
  'jobId', 'serverId', 'state', 'stateSince', 'lastRunId', 'lastRunAt', 'lastStatus', 'duplicatiNextRun',
  'learnedIntervalSeconds', 'learnedMinuteOfDay', 'scheduleSource', 'nextDueAt', 'graceSeconds', 'alertAfter', 'lastAlertAt',
] as const satisfies readonly (keyof MonitorValues)[];
const UPSERT_COLUMNS = [...MONITOR_COLUMNS, 'expectedVersion', 'at'] as const;

const upsertMonitor = preparedOnce((db) =>
  db
    .insert(monitors)
    .values({ ...placeholders(MONITOR_COLUMNS), version: 1, updatedAt: sql.placeholder('at') })
    .onConflictDoUpdate({
      target: monitors.jobId,
      set: {
        ...Object.fromEntries(MONITOR_COLUMNS.filter((k) => k !== 'jobId').map((k) => [k, sql`excluded.${sql.identifier(monitors[k].name)}`])),
        version: sql`${monitors.version} + 1`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`${monitors.version} = ${sql.placeholder('expectedVersion')}`,
    })
    .prepare(),
);

/**
 * The statements of one state change, to run as one atomic write: the monitor row (inserted, or
 * updated only if its version is still `expectedVersion`: 0 means "must not exist yet"), then the
 * event only if that write changed a row, then its deliveries only if the event was new. A
 * concurrent evaluation that lost the race therefore writes nothing at all, and alerts once.
 */
export function transitionWrites(
  db: Database,
  expectedVersion: number,
  values: MonitorValues,
  event: NewEvent | null,
  deliveries: Delivery[],
  now: Date,
): WriteGroup {
  const at = now.toISOString();
  const upsert = bind(upsertMonitor(db), UPSERT_COLUMNS, { ...values, expectedVersion, at });
  if (!event) return [upsert];
  const insertEvent = db.run(sql`
    INSERT INTO monitor_events (key, job_id, kind, reminder, run_id, from_state, to_state, details, created_at)
    SELECT ${event.key}, ${values.jobId}, ${event.kind}, ${event.reminder ? 1 : 0}, ${event.runId}, ${event.fromState}, ${event.toState}, ${JSON.stringify(event.details)}, ${at}
    WHERE changes() = 1
    ON CONFLICT (key) DO NOTHING`);
  if (deliveries.length === 0) return [upsert, insertEvent];
  const rows = sql.join(
    deliveries.map((d) => sql`(${d.channelId}, ${d.target})`),
    sql`, `,
  );
  const insertDeliveries = db.run(sql`
    WITH targets(channel_id, target) AS (VALUES ${rows})
    INSERT INTO outbox (key, event_id, channel_id, target, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT e.key || '|' || t.channel_id || '|' || t.target, e.id, t.channel_id, t.target, 'pending', 0, ${at}, ${at}, ${at}
    FROM monitor_events e, targets t
    WHERE e.key = ${event.key} AND changes() = 1
    ON CONFLICT (key) DO NOTHING`);
  return [upsert, insertEvent, insertDeliveries];
}

export type ScanChange = {
  jobId: number;
  expectedVersion: number;
  state: MonitorState;
  stateSince: string;
  alertAfter: string | null;
  lastAlertAt: string | null;
  /** Its key must follow from the state before the change (due time, last alert), so a scan that lost the race computes the same key. */
  event: NewEvent | null;
  deliveries: Delivery[];
};

const CHUNK = 400;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The minute scan's changes as a few set-based statements (per 400 jobs: one update, one event
 * insert, one delivery insert), instead of three statements per job. Each monitor is updated only
 * if its version is unchanged; an event is kept only where the monitor now holds exactly that
 * change (version + 1 and the new state), and event keys are deterministic, so two overlapping
 * scans still alert once.
 */
export function scanWrites(db: Database, changes: ScanChange[], now: Date): WriteGroup[number][] {
  const at = now.toISOString();
  const writes: WriteGroup[number][] = [];
  for (const part of chunks(changes)) {
    const rows = sql.join(part.map((c) => sql`(${c.jobId}, ${c.expectedVersion}, ${c.state}, ${c.stateSince}, ${c.alertAfter}, ${c.lastAlertAt})`), sql`, `);
    writes.push(db.run(sql`
      WITH v(job_id, version, state, state_since, alert_after, last_alert_at) AS (VALUES ${rows})
      UPDATE monitors SET state = v.state, state_since = v.state_since, alert_after = v.alert_after, last_alert_at = v.last_alert_at,
        version = monitors.version + 1, updated_at = ${at}
      FROM v WHERE monitors.job_id = v.job_id AND monitors.version = v.version`));
    const withEvents = part.filter((c) => c.event);
    if (withEvents.length === 0) continue;
    const events = sql.join(
      withEvents.map((c) => {
        const e = c.event!;
        return sql`(${c.jobId}, ${c.expectedVersion}, ${c.state}, ${e.key}, ${e.kind}, ${e.reminder ? 1 : 0}, ${e.runId}, ${e.fromState}, ${JSON.stringify(e.details)})`;
      }),
      sql`, `,
    );
    writes.push(db.run(sql`
      WITH v(job_id, version, state, key, kind, reminder, run_id, from_state, details) AS (VALUES ${events})
      INSERT INTO monitor_events (key, job_id, kind, reminder, run_id, from_state, to_state, details, created_at)
      SELECT v.key, v.job_id, v.kind, v.reminder, v.run_id, v.from_state, v.state, v.details, ${at}
      FROM v JOIN monitors m ON m.job_id = v.job_id AND m.version = v.version + 1 AND m.state = v.state
      WHERE true
      ON CONFLICT (key) DO NOTHING`));
    const targets = withEvents.flatMap((c) => c.deliveries.map((d) => sql`(${c.event!.key}, ${d.channelId}, ${d.target})`));
    if (targets.length === 0) continue;
    writes.push(db.run(sql`
      WITH t(event_key, channel_id, target) AS (VALUES ${sql.join(targets, sql`, `)})
      INSERT INTO outbox (key, event_id, channel_id, target, status, attempts, next_attempt_at, created_at, updated_at)
      SELECT e.key || '|' || t.channel_id || '|' || t.target, e.id, t.channel_id, t.target, 'pending', 0, ${at}, ${at}, ${at}
      FROM t JOIN monitor_events e ON e.key = t.event_key
      WHERE true
      ON CONFLICT (key) DO NOTHING`));
  }
  return writes;
}
