import { describe, expect, it } from 'vitest';
import { linesAtLevel, parseReport, ReportError, type ParsedRun } from '../../src/ingest/parse-report';
import { fixture, fixtureNames } from '../support/fixtures';

const NOW = new Date('2026-01-15T12:00:00.000Z');

type Expected = Partial<ParsedRun> & { source: 'LogLines' | 'Data.Messages' | 'none'; messageLines: number; versions: number };

/** What each fixture must parse to, read off the fixture files by hand. */
const backups: Record<string, Expected> = {
  'duplicati/01-backup-success-2.1.json': {
    machineId: '3f9c2a7d8e1b4c6fa0d5e2b7c9184a61', machineName: 'nas-01', backupName: 'Documents', backupId: 'DB-1',
    status: 'Success', beginTime: '2025-05-02T02:00:00.438Z', endTime: '2025-05-02T02:03:17.914Z', durationSeconds: 197.4757409,
    examinedFiles: 48213, sizeOfExaminedFiles: 61748329541, addedFiles: 12, deletedFiles: 3, modifiedFiles: 25, openedFiles: 37,
    sizeOfAddedFiles: 18349120, sizeOfModifiedFiles: 96233471, addedFolders: 2,
    bytesUploaded: 61912973, bytesDownloaded: 58627506, filesUploaded: 5, filesDownloaded: 3, filesDeleted: 1, remoteCalls: 11,
    knownFileCount: 2472, knownFileSize: 41286731904, backupListCount: 14, lastBackupDate: '2025-05-02T02:00:00.000Z',
    warningsCount: 0, errorsCount: 0, messagesCount: 32, source: 'LogLines', messageLines: 32, versions: 13,
  },
  'duplicati/02-backup-warning-2.1.json': {
    backupName: 'Photos', backupId: 'DB-2', status: 'Warning', beginTime: '2025-05-02T03:00:00.221Z', durationSeconds: 401.6610677,
    examinedFiles: 96402, sizeOfExaminedFiles: 412877390021, notProcessedFiles: 1, bytesUploaded: 147275366, knownFileSize: 88120447312,
    backupListCount: 31, warningsCount: 2, errorsCount: 0, messagesCount: 24, source: 'LogLines', messageLines: 2, versions: 0,
  },
  'duplicati/03-backup-error-2.1.json': {
    status: 'Error', beginTime: '2025-05-03T02:00:00.512Z', durationSeconds: 237.8253519, examinedFiles: 48219,
    bytesUploaded: 6204537, knownFileSize: 41292936441, backupListCount: 15, warningsCount: 0, errorsCount: 2, messagesCount: 27,
    source: 'LogLines', messageLines: 2, versions: 0,
  },
  'duplicati/04-backup-fatal-backend-unreachable-2.1.json': {
    status: 'Fatal', beginTime: '2025-05-04T02:00:00.331Z', durationSeconds: 43.2244213, examinedFiles: 0, remoteCalls: 5,
    retryAttempts: 4, lastBackupDate: null, warningsCount: 0, errorsCount: 1, messagesCount: 12, source: 'LogLines', messageLines: 12, versions: 0,
  },
  'duplicati/07-backup-many-loglines-truncated-2.1.json': {
    status: 'Success', durationSeconds: 5433.2506049, examinedFiles: 98811, filesUploaded: 261, remoteCalls: 266, backupListCount: 5,
    messagesCount: 541, source: 'LogLines', messageLines: 101, versions: 0,
  },
  'duplicati/08-backup-second-machine-windows-2.2.json': {
    machineId: 'b71e04c95a2d4f38a8e6d1c0f3927e5b', machineName: 'WS-OFFICE-07', backupName: 'Büro-Dokumente', status: 'Success',
    beginTime: '2026-01-15T11:30:00.667Z', durationSeconds: 251.3837724, examinedFiles: 211876, deletedFolders: 2,
    knownFileSize: 128331904771, backupListCount: 21, messagesCount: 35, nextScheduledRun: '2026-01-16T11:30:00.000Z',
    source: 'none', messageLines: 0, versions: 0,
  },
  'duplistatus-docs/error-generator-shape.json': {
    machineName: 'WEB-PROD-01', status: 'Error', beginTime: '2025-08-05T18:35:11.000Z', durationSeconds: 531, notProcessedFiles: 350,
    tooLargeFiles: 1, filesWithError: 3, bytesUploaded: 612000111, knownFileSize: 1500123456, backupListCount: 9,
    errors: ['Error 001', 'Error 002'], errorsCount: 2, warningsCount: 0, messagesCount: 14, source: 'Data.Messages', messageLines: 14, versions: 7,
  },
  'duplistatus-docs/minimal-accepted-upload.json': {
    machineName: 'WSJ-SER5', backupName: 'WSJ-SER5 Local files', status: 'Success', beginTime: '2025-04-22T23:45:10.123Z',
    durationSeconds: 51.3765433, examinedFiles: 0, bytesUploaded: 0, knownFileSize: 0, backupListCount: 0, lastBackupDate: null, version: '',
    messagesCount: 0, warningsCount: 0, errorsCount: 0, source: 'none', messageLines: 0, versions: 0,
  },
  'duplistatus-docs/success-real-duplicati-report.json': {
    status: 'Success', beginTime: '2025-04-21T23:45:46.971Z', endTime: '2025-04-21T23:46:38.356Z', examinedFiles: 15399,
    sizeOfExaminedFiles: 11086692615, addedFolders: 419, bytesUploaded: 8290314, bytesDownloaded: 53550393, knownFileSize: 9920312634,
    backupListCount: 6, lastBackupDate: '2025-04-21T23:45:46.000Z', source: 'none', messageLines: 0, versions: 0,
  },
  'duplistatus-docs/warning-generator-shape.json': {
    machineName: 'DB-PROD-01', status: 'Warning', beginTime: '2025-08-05T18:20:11.000Z', durationSeconds: 404, modifiedFolders: 42,
    bytesUploaded: 523456789, knownFileSize: 1234567890, backupListCount: 10, warnings: ['Warning 001', 'Warning 002'],
    warningsCount: 2, errorsCount: 0, messagesCount: 12, source: 'Data.Messages', messageLines: 12, versions: 7,
  },
};

const others: Record<string, string> = {
  'duplicati/05-compact-2.1.json': 'Compact',
  'duplicati/06-restore-2.1.json': 'Restore',
};

function backup(body: unknown): ParsedRun {
  const parsed = parseReport(body, NOW);
  if (parsed.kind !== 'backup') throw new Error(`expected a backup, got ${parsed.identity.operation}`);
  return parsed.run;
}

function reportError(body: unknown): ReportError {
  try {
    parseReport(body, NOW);
  } catch (err) {
    if (err instanceof ReportError) return err;
    throw err;
  }
  throw new Error('expected the report to be rejected');
}

describe('parseReport over every fixture', () => {
  it('has an expectation for every fixture file', () => {
    const all = [...fixtureNames('duplicati'), ...fixtureNames('duplistatus-docs')].sort();
    expect(all).toEqual([...Object.keys(backups), ...Object.keys(others)].sort());
  });

  it.each(Object.entries(backups))('maps %s to a backup run with its status, counters, sizes and log lines', (name, expected) => {
    const body = fixture(name);
    const run = backup(body);
    const { source, messageLines, versions, ...fields } = expected;
    expect(run).toMatchObject(fields);
    expect(run.operation).toBe('Backup');
    expect(run.messages).toHaveLength(messageLines);
    if (source === 'LogLines') expect(run.messages).toEqual(body.LogLines);
    if (source === 'Data.Messages') expect(run.messages).toEqual(body.Data.Messages);
    expect(run.availableVersions).toHaveLength(versions);
    for (const key of Object.keys(run) as (keyof ParsedRun)[]) {
      if (typeof run[key] === 'number') expect(run[key] as number, key).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(Object.entries(others))('classifies %s as kind other (%s), not a run', (name, operation) => {
    const parsed = parseReport(fixture(name), NOW);
    expect(parsed).toEqual({
      kind: 'other',
      identity: expect.objectContaining({ operation, machineId: '3f9c2a7d8e1b4c6fa0d5e2b7c9184a61', machineName: 'nas-01' }),
    });
  });
});

describe('parseReport mapping rules', () => {
  it('counts 14 considered minus 1 deleted as 13 available versions in fixture 01, read at the log line offset', () => {
    const run = backup(fixture('duplicati/01-backup-success-2.1.json'));
    expect(run.availableVersions).toHaveLength(13);
    expect(run.availableVersions[0]).toBe('2025-05-01T02:00:04.000Z');
    expect(run.availableVersions).not.toContain('2025-04-25T02:00:02.000Z');
  });

  it('turns Success with warnings into Warning', () => {
    const body = fixture('duplicati/01-backup-success-2.1.json');
    body.Data.WarningsActualLength = 1;
    expect(backup(body).status).toBe('Warning');
  });

  it('keeps Success when there are no warnings', () => {
    expect(backup(fixture('duplicati/01-backup-success-2.1.json')).status).toBe('Success');
  });

  it('prefers top-level LogLines over Data.Messages', () => {
    const body = fixture('duplistatus-docs/warning-generator-shape.json');
    body.LogLines = ['2025-08-05 18:26:53 +01 - [Information-Duplicati.Library.Main.Controller-StartingOperation]: from LogLines'];
    expect(backup(body).messages).toEqual(body.LogLines);
  });

  it('falls back to Data.Messages when LogLines is empty', () => {
    const body = fixture('duplistatus-docs/warning-generator-shape.json');
    body.LogLines = [];
    expect(backup(body).messages).toEqual(body.Data.Messages);
  });

  it('derives warnings and errors from the log line levels when Data.Warnings and Data.Errors are absent', () => {
    const warning = backup(fixture('duplicati/02-backup-warning-2.1.json'));
    expect(warning.warnings).toHaveLength(2);
    expect(warning.warnings.every((l) => l.includes('[Warning-'))).toBe(true);
    const error = backup(fixture('duplicati/03-backup-error-2.1.json'));
    expect(error.errors).toHaveLength(2);
    expect(error.errors.every((l) => l.includes('[Error-'))).toBe(true);
  });

  it('uses the top-level Exception as the error line when there are no errors', () => {
    const body = fixture('duplicati/04-backup-fatal-backend-unreachable-2.1.json');
    body.LogLines = body.LogLines.filter((l: string) => !l.includes('[Error-'));
    const run = backup(body);
    expect(run.errors).toEqual([body.Exception]);
    expect(run.errorsCount).toBe(1);
  });

  it('uses Data.Exception as the error line when Data.Errors is empty', () => {
    const body = fixture('duplistatus-docs/error-generator-shape.json');
    body.Data.Errors = [];
    body.Data.ErrorsActualLength = 0;
    body.Data.Exception = 'Duplicati.Library.Interface.UserInformationException: The backend is read-only';
    expect(backup(body).errors).toEqual([body.Data.Exception]);
  });

  it('prefers Data.Errors over the Exception', () => {
    const body = fixture('duplistatus-docs/error-generator-shape.json');
    body.Exception = 'ignored';
    expect(backup(body).errors).toEqual(['Error 001', 'Error 002']);
  });

  it('reads a run of more than a day in the .NET day form 1.02:03:04.5', () => {
    const body = fixture('duplistatus-docs/minimal-accepted-upload.json');
    body.Data.Duration = '1.02:03:04.5';
    expect(backup(body).durationSeconds).toBe(93784.5);
  });

  it('clamps negative counts (Duplicati writes -1 for unknown) to 0', () => {
    const body = fixture('duplicati/01-backup-success-2.1.json');
    body.Data.ExaminedFiles = -1;
    body.Data.BackendStatistics.KnownFileSize = -1;
    body.Data.BackendStatistics.BackupListCount = -5;
    const run = backup(body);
    expect(run).toMatchObject({ examinedFiles: 0, knownFileSize: 0, backupListCount: 0 });
  });

  it('accepts numbers sent as strings', () => {
    const body = fixture('duplistatus-docs/minimal-accepted-upload.json');
    body.Data.ExaminedFiles = '42';
    expect(backup(body).examinedFiles).toBe(42);
  });
});

describe('parseReport rejects what it cannot store', () => {
  it.each([
    ['Extra', (b: any) => delete b.Extra, ['Extra']],
    ['Extra.machine-id', (b: any) => delete b.Extra['machine-id'], ['Extra.machine-id']],
    ['Extra.backup-name (blank)', (b: any) => (b.Extra['backup-name'] = '  '), ['Extra.backup-name']],
    ['Data.BeginTime and Data.Duration', (b: any) => (delete b.Data.BeginTime, delete b.Data.Duration), ['Data.BeginTime', 'Data.Duration']],
    ['Data.ParsedResult and Extra.machine-name', (b: any) => (delete b.Data.ParsedResult, delete b.Extra['machine-name']), ['Extra.machine-name', 'Data.ParsedResult']],
  ])('lists the missing %s with a 400', (_what, mutate, missing) => {
    const body = fixture('duplistatus-docs/minimal-accepted-upload.json');
    mutate(body);
    const err = reportError(body);
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ missing });
    for (const field of missing) expect(err.message).toContain(field);
  });

  it('asks for Data.MainOperation when it and Extra.OperationName are missing', () => {
    const err = reportError({ Data: { ParsedResult: 'Success' }, Extra: {} });
    expect(err.details).toEqual({ missing: ['Data.MainOperation'] });
  });

  it.each([[null], [[1, 2]], ['text'], [{ Extra: {} }], [{ Data: 'x' }]])('rejects %j as not a Duplicati report, naming the Json output format', (body) => {
    const err = reportError(body);
    expect(err.status).toBe(400);
    expect(err.message).toContain('--send-http-result-output-format=Json');
  });

  it.each([
    ['a BeginTime that is not a date', (b: any) => (b.Data.BeginTime = 'yesterday'), 'Data.BeginTime'],
    ['a BeginTime before 2000', (b: any) => (b.Data.BeginTime = '1999-12-31T23:59:59Z'), 'Data.BeginTime'],
    ['a BeginTime days in the future', (b: any) => (b.Data.BeginTime = '2026-01-20T00:00:00Z'), 'Data.BeginTime'],
    ['an impossible calendar date', (b: any) => (b.Data.BeginTime = '2025-02-30T10:00:00Z'), 'Data.BeginTime'],
    ['a Duration that is not a duration', (b: any) => (b.Data.Duration = '5 minutes'), 'Data.Duration'],
    ['a Duration over a year', (b: any) => (b.Data.Duration = '400.00:00:00'), 'Data.Duration'],
    ['a counter that is not a number', (b: any) => (b.Data.ExaminedFiles = 'many'), 'ExaminedFiles'],
    ['a size beyond safe integers', (b: any) => (b.Data.SizeOfExaminedFiles = 1e300), 'SizeOfExaminedFiles'],
  ])('rejects %s with a 422 naming the field', (_what, mutate, field) => {
    const body = fixture('duplistatus-docs/minimal-accepted-upload.json');
    mutate(body);
    const err = reportError(body);
    expect(err.status).toBe(422);
    expect(err.message).toContain(field);
  });
});

describe('parseReport dates', () => {
  it.each([
    ['7 fraction digits in UTC', '2025-05-02T02:00:00.4387211Z', '2025-05-02T02:00:00.438Z'],
    ['its own positive offset', '2025-05-02T04:00:00+02:00', '2025-05-02T02:00:00.000Z'],
    ['its own negative offset without colon', '2025-05-01T21:00:00.5-0500', '2025-05-02T02:00:00.500Z'],
    ['no offset, read as UTC and never as the server zone', '2025-05-02T02:00:00', '2025-05-02T02:00:00.000Z'],
    ['a space instead of T', '2025-05-02 02:00:00Z', '2025-05-02T02:00:00.000Z'],
  ])('stores BeginTime with %s as UTC', (_what, input, stored) => {
    const body = fixture('duplistatus-docs/minimal-accepted-upload.json');
    body.Data.BeginTime = input;
    expect(backup(body).beginTime).toBe(stored);
  });

  it('drops the .NET zero date 0001-01-01 as EndTime instead of storing year 1', () => {
    const body = fixture('duplistatus-docs/minimal-accepted-upload.json');
    body.Data.EndTime = '0001-01-01T00:00:00';
    expect(backup(body).endTime).toBeNull();
  });
});

describe('linesAtLevel', () => {
  const warning = '2025-05-02 03:00:00 +01 - [Warning-Duplicati.Library.Main.Operation.Backup.FileEnumerationProcess-FileAccessError]: Error reported while accessing file';
  it.each([
    ['a warning line', warning, 'Warning', true],
    ['a warning line, asked for errors', warning, 'Error', false],
    ['an error line', '2025-05-02 03:00:00 +01 - [Error-Duplicati.Library.Main.Operation.BackupHandler-FatalError]: Fatal error', 'Error', true],
    ['an information line that quotes a warning tag', '2025-05-02 03:00:00 +01 - [Information-Duplicati.Library.Main.Controller-X]: saw [Warning-A]', 'Warning', false],
    ['a warning tag without the date, offset and dash before it', '[Warning-Duplicati.Library.Main-X]: no prefix', 'Warning', false],
    ['a warning tag after two spaces', '2025-05-02  03:00:00 +01 - [Warning-Duplicati.Library.Main-X]: odd spacing', 'Warning', false],
    ['a warning tag with a tab for a space', '2025-05-02 03:00:00\t+01 - [Warning-Duplicati.Library.Main-X]: odd spacing', 'Warning', false],
    ['a lower-case level', '2025-05-02 03:00:00 +01 - [warning-Duplicati.Library.Main-X]: lower case', 'Warning', false],
    ['a level word without its dash', '2025-05-02 03:00:00 +01 - [Warning]: no dash', 'Warning', false],
    ['a longer level word', '2025-05-02 03:00:00 +01 - [WarningX-Duplicati.Library.Main-X]: other word', 'Warning', false],
    ['any three leading words', 'a b c - [Warning-x', 'Warning', true],
  ] as const)('on %s: %s', (_what, line, level, kept) => {
    expect(linesAtLevel([line], level)).toEqual(kept ? [line] : []);
  });

  it('keeps the matching lines in their order', () => {
    const error = '2025-05-02 03:00:01 +01 - [Error-Duplicati.Library.Main-X]: e';
    expect(linesAtLevel([warning, error, warning], 'Warning')).toEqual([warning, warning]);
  });
});
