/** The facts of a run that notifications show; both a parsed report and a stored run row have them. */
export type RunFacts = {
  id: number;
  backupName: string;
  status: string;
  beginTime: string;
  durationSeconds: number;
  bytesUploaded: number;
  knownFileSize: number;
  sizeOfExaminedFiles: number;
  examinedFiles: number;
  backupListCount: number;
  availableVersions: string[];
  messagesCount: number;
  warningsCount: number;
  errorsCount: number;
  messages: string[];
  warnings: string[];
  errors: string[];
};

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
