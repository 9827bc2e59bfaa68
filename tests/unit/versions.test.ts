import { describe, expect, it } from 'vitest';
import { availableVersions, parseVersionDate } from '../../src/ingest/versions';

const line = (offset: string, text: string) => `2025-05-02 03:02:41 ${offset} - [Information-Duplicati.Library.Main.Operation.DeleteHandler:RetentionPolicy-BackupList]: ${text}`;

describe('availableVersions', () => {
  it('keeps the versions to consider that are not deleted, read at the line offset', () => {
    const lines = [
      line('+01', 'Backups to consider: 01/05/2025 03:00:04, 30/04/2025 03:00:01, 25/04/2025 03:00:02'),
      line('+01', 'All backups to delete: 25/04/2025 03:00:02'),
    ];
    expect(availableVersions(lines)).toEqual(['2025-05-01T02:00:04.000Z', '2025-04-30T02:00:01.000Z']);
  });

  it('keeps every version when the delete list is empty', () => {
    expect(availableVersions([line('+00', 'Backups to consider: 04/08/2025 00:14:55, 31/07/2025 15:10:00'), line('+00', 'All backups to delete: ')])).toEqual([
      '2025-08-04T00:14:55.000Z',
      '2025-07-31T15:10:00.000Z',
    ]);
  });

  it('uses the last retention lines when several runs are logged', () => {
    const lines = [line('+00', 'Backups to consider: 01/01/2025 00:00:00'), line('+00', 'Backups to consider: 02/01/2025 00:00:00')];
    expect(availableVersions(lines)).toEqual(['2025-01-02T00:00:00.000Z']);
  });

  it.each([
    ['the markers anywhere in a line, without the log prefix (read at UTC)', ['Backups to consider: 01/01/2025 00:00:00, 02/01/2025 00:00:00', 'All backups to delete: 01/01/2025 00:00:00'], ['2025-01-02T00:00:00.000Z']],
    ['a lower-case marker, which is not one', [line('+00', 'backups to consider: 01/01/2025 00:00:00')], []],
    ['the shared words without a marker', [line('+00', 'Backups to keep: 01/01/2025 00:00:00')], []],
    ['a marker with extra spaces, which is not one', [line('+00', 'Backups  to consider: 01/01/2025 00:00:00')], []],
    ['empty entries between commas', [line('+00', 'Backups to consider: 01/01/2025 00:00:00, , 02/01/2025 00:00:00,')], ['2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z']],
  ])('reads %s', (_what, lines, versions) => {
    expect(availableVersions(lines)).toEqual(versions);
  });

  it('reads the same version text again at each line offset, however often it was read before', () => {
    const at = (offset: string) => availableVersions([line(offset, 'Backups to consider: 01/05/2025 03:00:04, sometime')]);
    for (let i = 0; i < 3; i++) {
      expect(at('+01')).toEqual(['2025-05-01T02:00:04.000Z', 'sometime']);
      expect(at('+02')).toEqual(['2025-05-01T01:00:04.000Z', 'sometime']);
      expect(at('-0530')).toEqual(['2025-05-01T08:30:04.000Z', 'sometime']);
    }
  });

  it('reads the offset of the last retention line', () => {
    const lines = [line('+02', 'Backups to consider: 01/01/2025 12:00:00'), line('-05', 'All backups to delete: ')];
    expect(availableVersions(lines)).toEqual(['2025-01-01T17:00:00.000Z']);
  });

  it('finds nothing without retention lines (e.g. a truncated log)', () => {
    expect(availableVersions(['2025-05-02 03:00:00 +01 - [Information-Duplicati.Library.Main.Controller-StartingOperation]: The operation Backup has started'])).toEqual([]);
  });
});

describe('parseVersionDate', () => {
  it.each([
    ['day-first European dates', '30/04/2025 03:00:01', 60, '2025-04-30T02:00:01.000Z'],
    ['US month-first dates when the day cannot be a month', '4/30/2025 3:00:01 AM', 0, '2025-04-30T03:00:01.000Z'],
    ['12-hour PM times', '4/30/2025 3:00 PM', 0, '2025-04-30T15:00:00.000Z'],
    ['12 AM as midnight', '30/04/2025 12:15:00 AM', 0, '2025-04-30T00:15:00.000Z'],
    ['dotted German dates', '30.04.2025 03:00:01', -120, '2025-04-30T05:00:01.000Z'],
    ['ISO-like dates', '2025-04-30 03:00', 0, '2025-04-30T03:00:00.000Z'],
    ['ISO-like dates with T and seconds, at the line offset', '2025-04-30T03:00:05', 60, '2025-04-30T02:00:05.000Z'],
    ['12 PM as noon', '4/30/2025 12:00 PM', 0, '2025-04-30T12:00:00.000Z'],
    ['a version that the offset moves into the previous year', '01/01/2025 00:30:00', 60, '2024-12-31T23:30:00.000Z'],
  ])('reads %s', (_what, text, offset, iso) => {
    expect(parseVersionDate(text, offset)).toBe(iso);
  });

  it('keeps unrecognised text unchanged rather than inventing a date', () => {
    expect(parseVersionDate('sometime last week', 0)).toBe('sometime last week');
    expect(parseVersionDate('31/02/2025 03:00', 0)).toBe('31/02/2025 03:00');
  });
});
