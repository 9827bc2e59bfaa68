import { describe, expect, it } from 'vitest';
import { formatHms, parseDuration } from '../../src/ingest/duration';

describe('parseDuration', () => {
  it.each([
    ['00:03:17.4757409', 197.4757409],
    ['00:00:51', 51],
    ['01:30:33.2506049', 5433.2506049],
    ['1.02:03:04.5', 93784.5],
    ['12.00:00:00', 1_036_800],
  ])('reads %s as %d seconds', (input, seconds) => {
    expect(parseDuration(input)).toBeCloseTo(seconds, 6);
  });

  it.each([['abc'], ['00:61:00'], ['1.25:00:00'], [''], [42], [null]])('rejects %j', (input) => {
    expect(parseDuration(input)).toBeNull();
  });
});

describe('formatHms', () => {
  it.each([
    [0, '00:00:00'],
    [197.47, '00:03:17'],
    [93784.5, '26:03:05'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatHms(seconds)).toBe(text);
  });
});

describe('parseDuration edge cases', () => {
  it('reads seven fraction digits exactly', () => {
    expect(parseDuration('00:00:00.1164655')).toBeCloseTo(0.1164655, 7);
  });

  it('allows more than 23 hours only without a day part', () => {
    expect(parseDuration('25:00:00')).toBe(90_000);
    expect(parseDuration('1.24:00:00')).toBeNull();
  });
});
