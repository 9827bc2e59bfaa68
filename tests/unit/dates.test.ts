import { describe, expect, it } from 'vitest';
import { isoString, offsetMinutes, parseTimestamp, wallClockToEpoch } from '../../src/ingest/dates';

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

  it.each([
    ['29 February in a leap year', [2024, 2, 29, 0, 0, 0], Date.UTC(2024, 1, 29)],
    ['29 February in a century leap year', [2000, 2, 29, 0, 0, 0], Date.UTC(2000, 1, 29)],
    ['a leap second inside the day, as the next minute', [2025, 1, 30, 12, 30, 60], Date.UTC(2025, 0, 30, 12, 31)],
    ['a two-digit year, which Date.UTC reads as 19xx', [25, 2, 28, 0, 0, 0], Date.UTC(1925, 1, 28)],
  ])('accepts %s', (_what, [y, mo, d, h, mi, s], epoch) => {
    expect(wallClockToEpoch(y!, mo!, d!, h!, mi!, s!, 0, 0)).toBe(epoch);
  });

  it.each([
    ['29 February in a common year', [2025, 2, 29, 0, 0, 0]],
    ['29 February in a century common year', [1900, 2, 29, 0, 0, 0]],
    ['29 February of a two-digit year read as a common 19xx year', [25, 2, 29, 0, 0, 0]],
    ['a leap second at 23:59:60, which rolls into the next day', [2025, 1, 30, 23, 59, 60]],
  ])('rejects %s', (_what, [y, mo, d, h, mi, s]) => {
    expect(wallClockToEpoch(y!, mo!, d!, h!, mi!, s!, 0, 0)).toBeNull();
  });
});

describe('isoString', () => {
  const FIRST_FOUR_DIGIT_YEAR = Date.parse('0000-01-01T00:00:00.000Z');
  const LAST_FOUR_DIGIT_YEAR = Date.parse('9999-12-31T23:59:59.999Z');

  it.each([
    ['the epoch', 0],
    ['just before the epoch', -1],
    ['a typical run time', Date.UTC(2025, 4, 2, 2, 0, 0, 438)],
    ['a leap day', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['the day after a century leap day', Date.UTC(2000, 2, 1)],
    ['a year below 1000', Date.UTC(2025, 0, 1) - 1100 * 365 * 86_400_000],
    ['the first four-digit-year instant', FIRST_FOUR_DIGIT_YEAR],
    ['the last four-digit-year instant', LAST_FOUR_DIGIT_YEAR],
    ['a year before 0', FIRST_FOUR_DIGIT_YEAR - 1],
    ['a five-digit year', LAST_FOUR_DIGIT_YEAR + 1],
    ['fractional milliseconds after the epoch', 1.9],
    ['fractional milliseconds before the epoch', -1.5],
  ])('writes %s as Date does', (_what, ms) => {
    expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });

  it('agrees with Date on every day of a full 400-year leap cycle, at varied times of day', () => {
    const start = Date.UTC(1900, 0, 1);
    const differing: string[] = [];
    for (let day = 0; day < 146_097; day++) {
      const ms = start + day * 86_400_000 + ((day * 7_919_993) % 86_400_000);
      if (isoString(ms) !== new Date(ms).toISOString()) differing.push(new Date(ms).toISOString());
    }
    expect(differing).toEqual([]);
  });

  it('throws on NaN as Date does', () => {
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
  });
});
