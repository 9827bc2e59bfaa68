import type { ParsedRun } from '../ingest/parse-report';

/** The facts of a run that notifications show: the parsed report's fields, which a stored run row has too. */
export type RunFacts = { id: number } & Pick<
  ParsedRun,
  | 'backupName'
  | 'status'
  | 'beginTime'
  | 'durationSeconds'
  | 'bytesUploaded'
  | 'knownFileSize'
  | 'sizeOfExaminedFiles'
  | 'examinedFiles'
  | 'backupListCount'
  | 'availableVersions'
  | 'messagesCount'
  | 'warningsCount'
  | 'errorsCount'
  | 'messages'
  | 'warnings'
  | 'errors'
>;

/** Snapshot stored with an event, so a delivery retried hours later says what was true then. */
export type EventDetails = {
  serverId: string;
  backupName: string;
  run?: Omit<RunFacts, 'messages' | 'warnings' | 'errors' | 'availableVersions' | 'backupName'> & { availableVersions: number; logLines: string[] };
  lastRunAt: string | null;
  nextDueAt: string | null;
  graceSeconds: number;
  schedule: string | null;
  scheduleSource: string | null;
};

const MAX_STORED_LINES = 200;
const MAX_STORED_CHARS = 32_768;

/** Warnings and errors, one per line; all messages when there are none (duplistatus' {log_text}). Bounded for storage. */
export function logLines(run: Pick<RunFacts, 'messages' | 'warnings' | 'errors'>): string[] {
  const source = run.warnings.length || run.errors.length ? [...run.errors, ...run.warnings] : run.messages;
  const out: string[] = [];
  let size = 0;
  for (const line of source.slice(0, MAX_STORED_LINES)) {
    if (size + line.length > MAX_STORED_CHARS) break;
    out.push(line);
    size += line.length + 1;
  }
  return out;
}

export function runDetails(run: RunFacts): NonNullable<EventDetails['run']> {
  const { messages: _m, warnings: _w, errors: _e, availableVersions, backupName: _b, ...facts } = run;
  return {
    id: facts.id,
    status: facts.status,
    beginTime: facts.beginTime,
    durationSeconds: facts.durationSeconds,
    bytesUploaded: facts.bytesUploaded,
    knownFileSize: facts.knownFileSize,
    sizeOfExaminedFiles: facts.sizeOfExaminedFiles,
    examinedFiles: facts.examinedFiles,
    backupListCount: facts.backupListCount,
    messagesCount: facts.messagesCount,
    warningsCount: facts.warningsCount,
    errorsCount: facts.errorsCount,
    availableVersions: availableVersions.length || facts.backupListCount,
    logLines: logLines(run),
  };
}
