import { describe, expect, it } from 'vitest';
import { offsetMinutes, parseTimestamp, wallClockToEpoch } from '../../src/ingest/dates';

describe('parseTimestamp', () => {
  it.each([
    ['2025-05-02T02:00:00.4387211Z', '2025-05-02T02:00:00.438Z'],
    ['2025-05-02T03:00:00+01:00', '2025-05-02T02:00:00.000Z'],
    ['2025-05-02T03:00:00+0100', '2025-05-02T02:00:00.000Z'],
    ['2025-05-02T03:00:00+01', '2025-05-02T02:00:00.000Z'],
    ['2025-05-01T21:30:00-04:30', '2025-05-02T02:00:00.000Z'],
    ['2025-05-02T02:00:00', '2025-05-02T02:00:00.000Z'],
    ['2025-05-02 02:00:00z', '2025-05-02T02:00:00.000Z'],
    ['  2025-05-02T02:00:00Z  ', '2025-05-02T02:00:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('reads %s as %s', (input, iso) => {
    expect(new Date(parseTimestamp(input)!).toISOString()).toBe(iso);
  });

  it.each([['2025-02-29T00:00:00Z'], ['2025-13-01T00:00:00Z'], ['2025-04-31T00:00:00Z'], ['2025-05-02T24:00:00Z'], ['2025-05-02T10:60:00Z'], ['02/05/2025 03:00'], ['']])(
    'rejects the impossible or unknown timestamp %j',
    (input) => {
      expect(parseTimestamp(input)).toBeNull();
    },
  );

  it.each([[undefined], [null], [1714615200000], [{}]])('rejects the non-string %j', (input) => {
    expect(parseTimestamp(input)).toBeNull();
  });
});

describe('offsetMinutes', () => {
  it.each([
    [undefined, 0],
    ['Z', 0],
    ['+01', 60],
    ['+0130', 90],
    ['-05:00', -300],
    ['+05:45', 345],
  ])('reads %j as %d minutes east of UTC', (offset, minutes) => {
    expect(offsetMinutes(offset)).toBe(minutes);
  });
});

describe('wallClockToEpoch', () => {
  it('subtracts the offset from the wall clock', () => {
    expect(wallClockToEpoch(2025, 5, 2, 3, 0, 0, 0, 60)).toBe(Date.UTC(2025, 4, 2, 2, 0, 0));
  });

  it('returns null for a day that the month does not have', () => {
    expect(wallClockToEpoch(2025, 6, 31, 0, 0, 0, 0, 0)).toBeNull();
  });
});
