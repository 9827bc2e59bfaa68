import { inArray, lt, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { Store } from '../db/store';
import { auditLog, errorLog, integrationRequests, jobLog, sessions } from '../db/schema/index';
import { getSetting, putSetting } from './settings';

export const RETENTION_SETTING = 'retention_days';

/** The logs that age out, each with the column its age is measured on. */
const LOGS = {
  error_log: { table: errorLog, id: errorLog.id, at: errorLog.createdAt },
  job_log: { table: jobLog, id: jobLog.id, at: jobLog.startedAt },
  integration_requests: { table: integrationRequests, id: integrationRequests.id, at: integrationRequests.createdAt },
  audit_log: { table: auditLog, id: auditLog.id, at: auditLog.createdAt },
} satisfies Record<string, { table: SQLiteTable; id: SQLiteColumn; at: SQLiteColumn }>;

export type RetainedLog = keyof typeof LOGS;
export const RETAINED_LOGS = Object.keys(LOGS) as RetainedLog[];

export const DEFAULT_RETENTION_DAYS: Record<RetainedLog, number> = {
  error_log: 90,
  job_log: 90,
  integration_requests: 90,
  audit_log: 365,
};

const days = z.number().int().min(1, 'at least 1 day').max(3650, 'at most 3650 days');
export const retentionSchema = z.object(
  Object.fromEntries(RETAINED_LOGS.map((log) => [log, days.optional()])) as Record<RetainedLog, z.ZodOptional<typeof days>>,
).strict();

/** Stored overrides merged over the defaults; a malformed stored value falls back to the defaults. */
export async function getRetention(db: Database): Promise<Record<RetainedLog, number>> {
  const parsed = retentionSchema.safeParse((await getSetting(db, RETENTION_SETTING)) ?? {});
  return { ...DEFAULT_RETENTION_DAYS, ...(parsed.success ? stripUndefined(parsed.data) : {}) };
}

export async function setRetention(db: Database, value: Partial<Record<RetainedLog, number>>, now: Date): Promise<Record<RetainedLog, number>> {
  const valid = retentionSchema.parse(value);
  await putSetting(db, RETENTION_SETTING, { ...(await getRetention(db)), ...stripUndefined(valid) }, now);
  return getRetention(db);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Deleting in slices keeps each write short, so uploads are never held behind a large purge. */
const SLICE = 2000;

/** Deletes up to `slices` slices of one log's rows older than the cutoff; `done` once none are left. */
async function purgeOlderThan(db: Database, log: (typeof LOGS)[RetainedLog], cutoffIso: string, slices: number): Promise<{ deleted: number; slices: number; done: boolean }> {
  let deleted = 0;
  for (let used = 1; ; used++) {
    const ids = db.select({ id: log.id }).from(log.table).where(lt(log.at, cutoffIso)).limit(SLICE);
    const gone = await db.delete(log.table).where(inArray(log.id, ids)).returning({ id: log.id });
    deleted += gone.length;
    if (gone.length < SLICE) return { deleted, slices: used, done: true };
    if (used === slices) return { deleted, slices: used, done: false };
  }
}

/** Which logs hold rows older than their cutoff, found in one query (one subrequest on Workers). */
async function logsToPurge(db: Database, cutoffs: Record<RetainedLog, string>): Promise<RetainedLog[]> {
  const checks = RETAINED_LOGS.map((name) => sql`exists(select 1 from ${LOGS[name].table} where ${LOGS[name].at} < ${cutoffs[name]}) as ${sql.identifier(name)}`);
  const row = await db.get<Record<RetainedLog, number>>(sql`select ${sql.join(checks, sql`, `)}`);
  return RETAINED_LOGS.filter((name) => Number(row[name]) === 1);
}

/**
 * Deletes every log row older than its log's retention, and sessions past their absolute expiry.
 * Returns the number of rows deleted per log, for the Scheduled Job Log.
 *
 * With `maxSlices` (Workers, where every delete is a subrequest and an invocation may make only so
 * many) it stops after that many delete slices, and the counts carry `more: 1` when old rows may
 * remain for the next run (`more: 0` once all are gone). Slices go only to logs that hold old
 * rows, so every run makes progress. Without it (Node) it deletes everything due at once.
 */
export async function applyRetention(store: Store, now: Date, maxSlices?: number): Promise<Record<string, number>> {
  const retention = await getRetention(store.db);
  const cutoffs = Object.fromEntries(RETAINED_LOGS.map((name) => [name, new Date(now.getTime() - retention[name] * 86_400_000).toISOString()])) as Record<RetainedLog, string>;
  const counts: Record<string, number> = Object.fromEntries(RETAINED_LOGS.map((name) => [name, 0]));
  let slicesLeft = maxSlices ?? Number.POSITIVE_INFINITY;
  let more = false;
  for (const name of await logsToPurge(store.db, cutoffs)) {
    if (slicesLeft < 1) {
      more = true;
      break;
    }
    const purge = await purgeOlderThan(store.db, LOGS[name], cutoffs[name], slicesLeft);
    counts[name] = purge.deleted;
    slicesLeft -= purge.slices;
    more ||= !purge.done;
  }
  const expired = await store.db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).returning({ id: sessions.id });
  counts.sessions = expired.length;
  if (maxSlices !== undefined) counts.more = more ? 1 : 0;
  return counts;
}
