import { and, eq, sql } from 'drizzle-orm';
import type { Store } from '../db/store';
import { backupRuns, integrationRequests, jobs, servers, totals } from '../db/schema/index';
import type { ParsedRun } from './parse-report';
import { bind, placeholders, preparedOnce } from '../db/prepared';

export type StoreOutcome = { stored: true; runId: number } | { stored: false; duplicate: true };

/** The run's own columns, stored as parsed (identity and schedule live on servers, jobs and monitors). */
export const RUN_COLUMNS = [
  'backupName', 'backupId', 'beginTime', 'endTime', 'status', 'durationSeconds',
  'examinedFiles', 'sizeOfExaminedFiles', 'addedFiles', 'deletedFiles', 'modifiedFiles', 'openedFiles',
  'sizeOfAddedFiles', 'sizeOfModifiedFiles', 'sizeOfOpenedFiles', 'addedFolders', 'deletedFolders', 'modifiedFolders',
  'notProcessedFiles', 'tooLargeFiles', 'filesWithError', 'partialBackup', 'dryrun', 'interrupted', 'version',
  'bytesUploaded', 'bytesDownloaded', 'filesUploaded', 'filesDownloaded', 'filesDeleted', 'remoteCalls', 'retryAttempts',
  'knownFileCount', 'knownFileSize', 'backupListCount', 'lastBackupDate', 'messagesCount', 'warningsCount', 'errorsCount',
  'messages', 'warnings', 'errors', 'availableVersions',
] as const satisfies readonly (keyof ParsedRun)[];

const SERVER_COLUMNS = ['machineId', 'machineName', 'beginTime', 'at'] as const;
const JOB_COLUMNS = ['machineId', 'backupId', 'backupName', 'beginTime', 'at'] as const;
const INSERT_COLUMNS = [...RUN_COLUMNS, 'machineId', 'integrationRequestId', 'at'] as const;
const MARK_COLUMNS = ['operation', 'machineId', 'backupName', 'beginTime', 'integrationRequestId', 'at'] as const;

const p = sql.placeholder;

const upsertServer = preparedOnce((db) =>
  db
    .insert(servers)
    .values({ id: p('machineId'), name: p('machineName'), lastReportAt: p('beginTime'), createdAt: p('at'), updatedAt: p('at') })
    .onConflictDoUpdate({
      target: servers.id,
      set: { name: sql`excluded.name`, lastReportAt: sql`excluded.last_report_at`, updatedAt: sql`excluded.updated_at` },
      setWhere: sql`excluded.last_report_at >= ${servers.lastReportAt}`,
    })
    .prepare(),
);

const upsertJob = preparedOnce((db) =>
  db
    .insert(jobs)
    .values({ serverId: p('machineId'), backupId: p('backupId'), name: p('backupName'), createdAt: p('at') })
    .onConflictDoUpdate({
      target: [jobs.serverId, jobs.backupId],
      set: { name: sql`excluded.name` },
      setWhere: sql`${jobs.lastBeginTime} IS NULL OR ${p('beginTime')} >= ${jobs.lastBeginTime}`,
    })
    .prepare(),
);

const insertRun = preparedOnce((db) =>
  db
    .insert(backupRuns)
    .values({
      ...placeholders(RUN_COLUMNS),
      serverId: p('machineId'),
      jobId: sql`(SELECT ${jobs.id} FROM ${jobs} WHERE ${jobs.serverId} = ${p('machineId')} AND ${jobs.backupId} = ${p('backupId')})`,
      integrationRequestId: p('integrationRequestId'),
      createdAt: p('at'),
    })
    .onConflictDoNothing()
    .returning({ id: backupRuns.id })
    .prepare(),
);

const markRequest = preparedOnce((db) =>
  db
    .update(integrationRequests)
    .set({
      status: 'Completed',
      operation: sql`${p('operation')}`,
      error: null,
      updatedAt: sql`${p('at')}`,
      responseCode: sql`CASE WHEN changes() > 0 THEN 200 ELSE 409 END`,
      reference: sql`(SELECT CAST(${backupRuns.id} AS TEXT) FROM ${backupRuns} WHERE ${and(eq(backupRuns.serverId, p('machineId')), eq(backupRuns.backupName, p('backupName')), eq(backupRuns.beginTime, p('beginTime')))})`,
    })
    .where(eq(integrationRequests.id, p('integrationRequestId')))
    .prepare(),
);

/**
 * Writes one parsed run atomically: server and job upserted (names follow the newest report),
 * the run inserted unless its (machine-id, backup-name, BeginTime) key exists, and the upload's
 * integration request marked Completed with the run it produced. The unique index, not a prior
 * lookup, decides duplicates, so concurrent identical uploads store exactly one row.
 */
export async function storeRun({ db, writer }: Store, run: ParsedRun, integrationRequestId: number, now: Date): Promise<StoreOutcome> {
  const values = { ...run, integrationRequestId, at: now.toISOString() };
  const [, , inserted] = (await writer.write([
    bind(upsertServer(db), SERVER_COLUMNS, values),
    bind(upsertJob(db), JOB_COLUMNS, values),
    bind(insertRun(db), INSERT_COLUMNS, values),
    bind(markRequest(db), MARK_COLUMNS, values),
  ])) as [unknown, unknown, { id: number }[], unknown];
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
