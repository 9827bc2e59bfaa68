import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { monitors, type MonitorEventKind, type MonitorState } from '../db/schema/index';
import type { WriteGroup } from '../db/writer';
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
  const { jobId: _job, ...changes } = values;
  const upsert = db
    .insert(monitors)
    .values({ ...values, version: 1, updatedAt: at })
    .onConflictDoUpdate({
      target: monitors.jobId,
      set: { ...changes, version: sql`${monitors.version} + 1`, updatedAt: at },
      setWhere: sql`${monitors.version} = ${expectedVersion}`,
    });
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
