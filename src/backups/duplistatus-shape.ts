import type { backupRuns } from '../db/schema/index';
import { formatHms } from '../ingest/duration';

export type RunRow = typeof backupRuns.$inferSelect;

/** A stored run in the field names and meanings duplistatus 1.4's read API uses. */
export function toDuplistatusBackup(run: RunRow) {
  return {
    id: String(run.id),
    server_id: run.serverId,
    name: run.backupName,
    date: run.beginTime,
    status: run.status,
    warnings: run.warningsCount,
    errors: run.errorsCount,
    messages: run.messagesCount,
    fileCount: run.examinedFiles,
    fileSize: run.sizeOfExaminedFiles,
    uploadedSize: run.bytesUploaded,
    duration: formatHms(run.durationSeconds),
    duration_seconds: run.durationSeconds,
    durationInMinutes: run.durationSeconds / 60,
    knownFileSize: run.knownFileSize,
    backup_list_count: run.backupListCount,
    messages_array: JSON.stringify(run.messages),
    warnings_array: JSON.stringify(run.warnings),
    errors_array: JSON.stringify(run.errors),
    available_backups: run.availableVersions,
  };
}

export type ServerRef = { id: string; name: string; createdAt: string };
export type JobRef = { name: string; backupId: string };

/** duplistatus' `server` object: the server plus the backup job the answer is about. */
export function toDuplistatusServer(server: ServerRef, job: JobRef | undefined) {
  return {
    id: server.id,
    name: server.name,
    backup_name: job?.name ?? null,
    backup_id: job?.backupId ?? null,
    created_at: server.createdAt,
  };
}
