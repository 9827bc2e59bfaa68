import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A machine running Duplicati. Its identity is Duplicati's machine-id; the name follows the latest report. */
export const servers = sqliteTable('servers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  alias: text('alias').notNull().default(''),
  note: text('note').notNull().default(''),
  url: text('url').notNull().default(''),
  /** BeginTime of the newest report seen; the name only follows reports at least this new. */
  lastReportAt: text('last_report_at').notNull().default(''),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('servers_name_idx').on(t.name)]);

/** One backup job on a server, identified by Duplicati's backup-id; the name follows the latest report. */
export const jobs = sqliteTable('jobs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  serverId: text('server_id').notNull().references(() => servers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  backupId: text('backup_id').notNull(),
  createdAt: text('created_at').notNull(),
  lastRunId: integer('last_run_id'),
  lastBeginTime: text('last_begin_time'),
  lastStatus: text('last_status'),
  /** Maintained by triggers on backup_runs (see migrations), so reads never count runs. */
  runCount: integer('run_count').notNull().default(0),
}, (t) => [uniqueIndex('jobs_server_backup_uq').on(t.serverId, t.backupId)]);

/** One Duplicati backup run. The unique index is the idempotency key. */
export const backupRuns = sqliteTable('backup_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  serverId: text('server_id').notNull().references(() => servers.id, { onDelete: 'cascade' }),
  jobId: integer('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  backupName: text('backup_name').notNull(),
  backupId: text('backup_id').notNull().default(''),
  beginTime: text('begin_time').notNull(),
  endTime: text('end_time'),
  status: text('status').notNull(),
  durationSeconds: real('duration_seconds').notNull().default(0),
  examinedFiles: integer('examined_files').notNull().default(0),
  sizeOfExaminedFiles: integer('size_of_examined_files').notNull().default(0),
  addedFiles: integer('added_files').notNull().default(0),
  deletedFiles: integer('deleted_files').notNull().default(0),
  modifiedFiles: integer('modified_files').notNull().default(0),
  openedFiles: integer('opened_files').notNull().default(0),
  sizeOfAddedFiles: integer('size_of_added_files').notNull().default(0),
  sizeOfModifiedFiles: integer('size_of_modified_files').notNull().default(0),
  sizeOfOpenedFiles: integer('size_of_opened_files').notNull().default(0),
  addedFolders: integer('added_folders').notNull().default(0),
  deletedFolders: integer('deleted_folders').notNull().default(0),
  modifiedFolders: integer('modified_folders').notNull().default(0),
  notProcessedFiles: integer('not_processed_files').notNull().default(0),
  tooLargeFiles: integer('too_large_files').notNull().default(0),
  filesWithError: integer('files_with_error').notNull().default(0),
  partialBackup: integer('partial_backup', { mode: 'boolean' }).notNull().default(false),
  dryrun: integer('dryrun', { mode: 'boolean' }).notNull().default(false),
  interrupted: integer('interrupted', { mode: 'boolean' }).notNull().default(false),
  version: text('version').notNull().default(''),
  bytesUploaded: integer('bytes_uploaded').notNull().default(0),
  bytesDownloaded: integer('bytes_downloaded').notNull().default(0),
  filesUploaded: integer('files_uploaded').notNull().default(0),
  filesDownloaded: integer('files_downloaded').notNull().default(0),
  filesDeleted: integer('files_deleted').notNull().default(0),
  remoteCalls: integer('remote_calls').notNull().default(0),
  retryAttempts: integer('retry_attempts').notNull().default(0),
  knownFileCount: integer('known_file_count').notNull().default(0),
  knownFileSize: integer('known_file_size').notNull().default(0),
  backupListCount: integer('backup_list_count').notNull().default(0),
  lastBackupDate: text('last_backup_date'),
  messagesCount: integer('messages_count').notNull().default(0),
  warningsCount: integer('warnings_count').notNull().default(0),
  errorsCount: integer('errors_count').notNull().default(0),
  /** JSON arrays of strings. */
  messages: text('messages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  errors: text('errors', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  availableVersions: text('available_versions', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  integrationRequestId: integer('integration_request_id'),
  createdAt: text('created_at').notNull(),
}, (t) => [
  uniqueIndex('backup_runs_dedup_uq').on(t.serverId, t.backupName, t.beginTime),
  index('backup_runs_job_begin_idx').on(t.jobId, t.beginTime),
  index('backup_runs_begin_idx').on(t.beginTime),
]);

/** Running totals so the summary never scans backup_runs (duplistatus slows to a crawl doing that). */
export const totals = sqliteTable('totals', {
  id: integer('id').primaryKey(),
  runs: integer('runs').notNull().default(0),
  uploadedBytes: integer('uploaded_bytes').notNull().default(0),
  otherOperations: integer('other_operations').notNull().default(0),
});
