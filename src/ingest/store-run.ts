import { and, eq, sql } from 'drizzle-orm';
import type { Store } from '../db/store';
import { backupRuns, integrationRequests, jobs, servers, totals } from '../db/schema/index';
import type { ParsedRun } from './parse-report';

export type StoreOutcome = { stored: true; runId: number } | { stored: false; duplicate: true };

/**
 * Writes one parsed run atomically: server and job upserted (names follow the newest report),
 * the run inserted unless its (machine-id, backup-name, BeginTime) key exists, and the upload's
 * integration request marked Completed with the run it produced. The unique index, not a prior
 * lookup, decides duplicates, so concurrent identical uploads store exactly one row.
 */
export async function storeRun({ db, writer }: Store, run: ParsedRun, integrationRequestId: number, now: Date): Promise<StoreOutcome> {
  const at = now.toISOString();
  const upsertServer = db
    .insert(servers)
    .values({ id: run.machineId, name: run.machineName, lastReportAt: run.beginTime, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: servers.id,
      set: { name: sql`excluded.name`, lastReportAt: sql`excluded.last_report_at`, updatedAt: sql`excluded.updated_at` },
      setWhere: sql`excluded.last_report_at >= ${servers.lastReportAt}`,
    });
  const upsertJob = db
    .insert(jobs)
    .values({ serverId: run.machineId, backupId: run.backupId, name: run.backupName, createdAt: at })
    .onConflictDoUpdate({
      target: [jobs.serverId, jobs.backupId],
      set: { name: sql`excluded.name` },
      setWhere: sql`${jobs.lastBeginTime} IS NULL OR ${run.beginTime} >= ${jobs.lastBeginTime}`,
    });
  const { operation: _op, machineId, machineName: _mn, nextScheduledRun: _next, ...fields } = run;
  const insertRun = db
    .insert(backupRuns)
    .values({
      ...fields,
      serverId: machineId,
      jobId: sql`(SELECT ${jobs.id} FROM ${jobs} WHERE ${jobs.serverId} = ${machineId} AND ${jobs.backupId} = ${run.backupId})`,
      integrationRequestId,
      createdAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: backupRuns.id });
  const markRequest = db
    .update(integrationRequests)
    .set({
      status: 'Completed',
      operation: run.operation,
      error: null,
      updatedAt: at,
      responseCode: sql`CASE WHEN changes() > 0 THEN 200 ELSE 409 END`,
      reference: sql`(SELECT CAST(${backupRuns.id} AS TEXT) FROM ${backupRuns} WHERE ${and(eq(backupRuns.serverId, machineId), eq(backupRuns.backupName, run.backupName), eq(backupRuns.beginTime, run.beginTime))})`,
    })
    .where(eq(integrationRequests.id, integrationRequestId));
  const [, , inserted] = (await writer.write([upsertServer, upsertJob, insertRun, markRequest])) as [unknown, unknown, { id: number }[], unknown];
  const row = inserted[0];
  return row ? { stored: true, runId: row.id } : { stored: false, duplicate: true };
}

/** Non-backup operations are kept as integration requests and counted. */
export async function recordOtherOperation({ db, writer }: Store, operation: string, integrationRequestId: number, now: Date): Promise<void> {
  await writer.write([
    db.update(totals).set({ otherOperations: sql`${totals.otherOperations} + 1` }).where(eq(totals.id, 1)),
    db
      .update(integrationRequests)
      .set({ status: 'Completed', operation, responseCode: 200, error: null, updatedAt: now.toISOString() })
      .where(eq(integrationRequests.id, integrationRequestId)),
  ]);
}
