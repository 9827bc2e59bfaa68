import { parseDuration } from './duration';
import { isoString, parseTimestamp } from './dates';
import { availableVersions } from './versions';

/** A client mistake in an upload: becomes a 4xx with this message and details. */
export class ReportError extends Error {
  constructor(
    readonly status: 400 | 413 | 422,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

export type ReportIdentity = {
  operation: string;
  machineId: string;
  machineName: string;
  backupName: string;
  backupId: string;
};

export type ParsedRun = ReportIdentity & {
  status: string;
  beginTime: string;
  endTime: string | null;
  durationSeconds: number;
  examinedFiles: number;
  sizeOfExaminedFiles: number;
  addedFiles: number;
  deletedFiles: number;
  modifiedFiles: number;
  openedFiles: number;
  sizeOfAddedFiles: number;
  sizeOfModifiedFiles: number;
  sizeOfOpenedFiles: number;
  addedFolders: number;
  deletedFolders: number;
  modifiedFolders: number;
  notProcessedFiles: number;
  tooLargeFiles: number;
  filesWithError: number;
  partialBackup: boolean;
  dryrun: boolean;
  interrupted: boolean;
  version: string;
  bytesUploaded: number;
  bytesDownloaded: number;
  filesUploaded: number;
  filesDownloaded: number;
  filesDeleted: number;
  remoteCalls: number;
  retryAttempts: number;
  knownFileCount: number;
  knownFileSize: number;
  backupListCount: number;
  lastBackupDate: string | null;
  messagesCount: number;
  warningsCount: number;
  errorsCount: number;
  messages: string[];
  warnings: string[];
  errors: string[];
  availableVersions: string[];
  /** Duplicati 2.2 sends its next scheduled run; monitoring can use it as the expected time. */
  nextScheduledRun: string | null;
};

export type ParsedReport = { kind: 'backup'; run: ParsedRun } | { kind: 'other'; identity: Partial<ReportIdentity> & { operation: string } };

type Json = Record<string, unknown>;

const EARLIEST = Date.UTC(2000, 0, 1);
const MAX_FUTURE_MS = 2 * 86_400_000;
const MAX_DURATION_S = 366 * 86_400;
const MAX_LINE = 16_384;
const REQUIRED_EXTRA = ['machine-id', 'machine-name', 'backup-name', 'backup-id'] as const;
const REQUIRED_DATA = ['ParsedResult', 'BeginTime', 'Duration'] as const;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** Non-negative safe integer; negative counts (Duplicati's -1 for "unknown") become 0. */
function count(source: Json | undefined, key: string, problems: string[]): number {
  const v = source?.[key];
  if (v === undefined || v === null) return 0;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    problems.push(`${key} must be a number`);
    return 0;
  }
  if (n > Number.MAX_SAFE_INTEGER) problems.push(`${key} is too large (${n})`);
  return n < 0 ? 0 : Math.floor(n);
}

function lines(v: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(v)) return out;
  for (const l of v) if (typeof l === 'string') out.push(l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l);
  return out;
}

const LEVEL = /^\S+ \S+ \S+ - \[(\w+)-/;

/** Log lines of one level (`2025-05-02 03:00:00 +01 - [Warning-…`). */
export function linesAtLevel(messages: readonly string[], level: 'Warning' | 'Error'): string[] {
  // The level's own text must occur for the pattern to capture it; most lines lack it, so the cheap search skips the pattern.
  const tag = `[${level}-`;
  return messages.filter((l) => l.includes(tag) && LEVEL.exec(l)?.[1] === level);
}

/**
 * Maps a Duplicati JSON report (`--send-http-result-output-format=Json`) to a run, following
 * duplistatus' field mapping and fixing where it is wrong. `now` bounds absurd dates.
 */
export function parseReport(body: unknown, now: Date): ParsedReport {
  if (!isObject(body) || !isObject(body.Data)) {
    throw new ReportError(400, 'The body is JSON but not a Duplicati report: it has no "Data" object. Send it with --send-http-result-output-format=Json.');
  }
  const data = body.Data;
  const extra = isObject(body.Extra) ? body.Extra : undefined;
  const operation = str(data.MainOperation) || str(extra?.OperationName);
  if (!operation) {
    throw new ReportError(400, 'Missing required field Data.MainOperation.', { missing: ['Data.MainOperation'] });
  }
  if (operation !== 'Backup') {
    return {
      kind: 'other',
      identity: {
        operation,
        machineId: str(extra?.['machine-id']) || undefined,
        machineName: str(extra?.['machine-name']) || undefined,
        backupName: str(extra?.['backup-name']) || undefined,
        backupId: str(extra?.['backup-id']) || undefined,
      },
    };
  }

  const missing = [
    ...(extra ? REQUIRED_EXTRA.filter((k) => !str(extra[k])).map((k) => `Extra.${k}`) : ['Extra']),
    ...REQUIRED_DATA.filter((k) => !str(data[k])).map((k) => `Data.${k}`),
  ];
  if (missing.length > 0) {
    throw new ReportError(400, `Missing required fields: ${missing.join(', ')}.`, { missing });
  }

  const problems: string[] = [];
  const begin = parseTimestamp(data.BeginTime);
  if (begin === null) problems.push(`Data.BeginTime is not a timestamp (${JSON.stringify(data.BeginTime)})`);
  else if (begin < EARLIEST || begin > now.getTime() + MAX_FUTURE_MS) problems.push(`Data.BeginTime ${JSON.stringify(data.BeginTime)} is out of range`);
  const end = parseTimestamp(data.EndTime);
  const duration = parseDuration(data.Duration);
  if (duration === null) problems.push(`Data.Duration is not a duration like 00:03:17.47 or 1.02:03:04 (${JSON.stringify(data.Duration)})`);
  else if (duration > MAX_DURATION_S) problems.push(`Data.Duration ${JSON.stringify(data.Duration)} is longer than a year`);

  const backend = isObject(data.BackendStatistics) ? data.BackendStatistics : undefined;
  const n = (key: string) => count(data, key, problems);
  const b = (key: string) => count(backend, key, problems);

  const logLines = lines(body.LogLines);
  const messages = logLines.length > 0 ? logLines : lines(data.Messages);
  const reportedWarnings = lines(data.Warnings);
  const reportedErrors = lines(data.Errors);
  const warnings = reportedWarnings.length > 0 ? reportedWarnings : linesAtLevel(messages, 'Warning');
  let errors = reportedErrors.length > 0 ? reportedErrors : linesAtLevel(messages, 'Error');
  if (errors.length === 0) {
    const exception = str(data.Exception) || str(body.Exception);
    if (exception) errors = [exception.length > MAX_LINE ? `${exception.slice(0, MAX_LINE)}…` : exception];
  }

  const warningsCount = Math.max(n('WarningsActualLength'), warnings.length);
  const errorsCount = Math.max(n('ErrorsActualLength'), errors.length);
  const messagesCount = Math.max(n('MessagesActualLength'), messages.length);
  const parsedResult = str(data.ParsedResult);
  const status = parsedResult === 'Success' && warningsCount > 0 ? 'Warning' : parsedResult;
  const lastBackup = parseTimestamp(backend?.LastBackupDate);
  const next = typeof extra?.['next-scheduled-run'] === 'string' ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(extra['next-scheduled-run']) : null;

  const run: ParsedRun = {
    operation,
    machineId: str(extra!['machine-id']),
    machineName: str(extra!['machine-name']),
    backupName: str(extra!['backup-name']),
    backupId: str(extra!['backup-id']),
    status,
    beginTime: begin === null ? '' : isoString(begin),
    endTime: end === null || end < EARLIEST ? null : isoString(end),
    durationSeconds: duration ?? 0,
    examinedFiles: n('ExaminedFiles'),
    sizeOfExaminedFiles: n('SizeOfExaminedFiles'),
    addedFiles: n('AddedFiles'),
    deletedFiles: n('DeletedFiles'),
    modifiedFiles: n('ModifiedFiles'),
    openedFiles: n('OpenedFiles'),
    sizeOfAddedFiles: n('SizeOfAddedFiles'),
    sizeOfModifiedFiles: n('SizeOfModifiedFiles'),
    sizeOfOpenedFiles: n('SizeOfOpenedFiles'),
    addedFolders: n('AddedFolders'),
    deletedFolders: n('DeletedFolders'),
    modifiedFolders: n('ModifiedFolders'),
    notProcessedFiles: n('NotProcessedFiles'),
    tooLargeFiles: n('TooLargeFiles'),
    filesWithError: n('FilesWithError'),
    partialBackup: data.PartialBackup === true,
    dryrun: data.Dryrun === true,
    interrupted: data.Interrupted === true,
    version: str(data.Version),
    bytesUploaded: b('BytesUploaded'),
    bytesDownloaded: b('BytesDownloaded'),
    filesUploaded: b('FilesUploaded'),
    filesDownloaded: b('FilesDownloaded'),
    filesDeleted: b('FilesDeleted'),
    remoteCalls: b('RemoteCalls'),
    retryAttempts: b('RetryAttempts'),
    knownFileCount: b('KnownFileCount'),
    knownFileSize: b('KnownFileSize'),
    backupListCount: b('BackupListCount'),
    lastBackupDate: lastBackup === null || lastBackup < EARLIEST ? null : isoString(lastBackup),
    messagesCount,
    warningsCount,
    errorsCount,
    messages,
    warnings,
    errors,
    availableVersions: availableVersions(messages),
    nextScheduledRun: next ? `${next[1]}-${next[2]}-${next[3]}T${next[4]}:${next[5]}:${next[6]}.000Z` : null,
  };
  if (problems.length > 0) {
    throw new ReportError(422, `The report has invalid values: ${problems.join('; ')}.`, { problems });
  }
  return { kind: 'backup', run };
}
