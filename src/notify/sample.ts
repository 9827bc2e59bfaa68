import type { MonitorEventKind } from '../db/schema/index';
import type { EventDetails } from '../monitor/event-details';
import type { ServerFacts } from './variables';

/** An example event for previews and test sends, so a template can be checked before any backup fails. */
export function sampleEvent(kind: MonitorEventKind, now: Date): { details: EventDetails; server: ServerFacts; jobId: number } {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();
  const failed = kind === 'failed';
  return {
    jobId: 1,
    server: { name: 'nas-01', alias: 'Office NAS', note: '', url: '' },
    details: {
      serverId: 'sample',
      backupName: 'Documents',
      lastRunAt: hoursAgo(kind === 'overdue' ? 27 : 1),
      nextDueAt: hoursAgo(kind === 'overdue' ? 3 : -23),
      graceSeconds: 7200,
      schedule: '1D',
      scheduleSource: 'user',
      run: kind === 'overdue' ? undefined : {
        id: 1,
        status: failed ? 'Error' : kind === 'warning' ? 'Warning' : 'Success',
        beginTime: hoursAgo(1),
        durationSeconds: 3723,
        bytesUploaded: 734_003_200,
        knownFileSize: 52_613_349_376,
        sizeOfExaminedFiles: 120_259_084_288,
        examinedFiles: 48_213,
        backupListCount: 31,
        availableVersions: 31,
        messagesCount: 42,
        warningsCount: kind === 'warning' ? 1 : 0,
        errorsCount: failed ? 1 : 0,
        logLines: failed
          ? ['2026-01-15 02:00:41 +00 - [Error-Duplicati.Library.Main.Operation.BackupHandler-FatalError]: Fatal error: The remote server returned an error: (503) Service Unavailable.']
          : kind === 'warning'
            ? ['2026-01-15 02:00:12 +00 - [Warning-Duplicati.Library.Main.Operation.Backup.FileEnumerationProcess-FileAccessError]: Error reported while accessing file: /home/user/locked.db']
            : [],
      },
    },
  };
}
