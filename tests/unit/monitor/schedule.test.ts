import { describe, expect, it } from 'vitest';
import { addInterval, formatInterval, parseInterval } from '../../../src/monitor/interval';
import { effectiveSchedule, learnSchedule, nextDue, scheduleProblem, type Schedule } from '../../../src/monitor/schedule';
import { zonedInstant } from '../../../src/monitor/zoned-time';

const MON_FRI = 0b0111110;

describe('Duplicati interval grammar', () => {
  it.each([
    ['1D', { months: 0, days: 1, seconds: 0 }],
    ['12h', { months: 0, days: 0, seconds: 43_200 }],
    ['1W', { months: 0, days: 7, seconds: 0 }],
    ['1D12h', { months: 0, days: 1, seconds: 43_200 }],
    ['2W', { months: 0, days: 14, seconds: 0 }],
    ['1M', { months: 1, days: 0, seconds: 0 }],
    ['30m', { months: 0, days: 0, seconds: 1800 }],
    ['1Y', { months: 12, days: 0, seconds: 0 }],
  ])('parses %s', (text, expected) => {
    expect(parseInterval(text)).toEqual(expected);
  });

  it.each(['', 'D', '1d', 'daily', '0D', '-1D', '1D extra'])('rejects %j', (text) => {
    expect(parseInterval(text)).toBeNull();
  });

  it.each([
    [86_400, '1D'],
    [129_600, '1D12h'],
    [604_800, '1W'],
    [5400, '1h30m'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatInterval(seconds)).toBe(text);
  });

  it('keeps 1D at the same wall-clock time across the spring DST change', () => {
    const from = new Date('2026-03-28T01:00:00Z'); // 02:00 in Paris (CET)
    expect(addInterval(from, parseInterval('1D')!, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 02:00 does not exist: 03:00 CEST
    const from2 = new Date('2026-03-28T02:30:00Z'); // 03:30 CET
    expect(addInterval(from2, parseInterval('1D')!, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST, 23 h later
  });

  it('keeps 1D at the same wall-clock time across the autumn DST change', () => {
    const from = new Date('2026-10-24T01:00:00Z'); // 03:00 CEST
    expect(addInterval(from, parseInterval('1D')!, 'Europe/Paris').toISOString()).toBe('2026-10-25T02:00:00.000Z'); // 03:00 CET, 25 h later
  });

  it('adds hours as elapsed time, not wall-clock time', () => {
    const from = new Date('2026-10-24T22:00:00Z');
    expect(addInterval(from, parseInterval('12h')!, 'Europe/Paris').toISOString()).toBe('2026-10-25T10:00:00.000Z');
  });

  it('maps an ambiguous autumn wall time to its first occurrence', () => {
    expect(zonedInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('next due time', () => {
  const cases: [string, Schedule, string, string | null][] = [
    ['daily cron at 02:00 UTC', { kind: 'cron', cron: '0 2 * * *', timeZone: 'UTC', weekdays: null }, '2026-01-14T02:00:07Z', '2026-01-15T02:00:00.000Z'],
    ['daily cron after a manual afternoon run', { kind: 'cron', cron: '0 2 * * *', timeZone: 'UTC', weekdays: null }, '2026-01-14T15:00:00Z', '2026-01-15T02:00:00.000Z'],
    ['cron in New York across the spring change', { kind: 'cron', cron: '0 2 * * *', timeZone: 'America/New_York', weekdays: null }, '2026-03-07T07:00:00Z', '2026-03-08T07:00:00.000Z'],
    ['cron in Paris runs at the first 02:00 of the autumn change', { kind: 'cron', cron: '0 2 * * *', timeZone: 'Europe/Paris', weekdays: null }, '2026-10-24T00:00:00Z', '2026-10-25T00:00:00.000Z'],
    ['interval on weekdays only skips the weekend (Friday → Monday)', { kind: 'interval', interval: '1D', timeZone: 'UTC', weekdays: MON_FRI }, '2026-01-16T02:00:00Z', '2026-01-19T02:00:00.000Z'],
    ['interval on weekdays only, Monday → Tuesday', { kind: 'interval', interval: '1D', timeZone: 'UTC', weekdays: MON_FRI }, '2026-01-19T02:00:00Z', '2026-01-20T02:00:00.000Z'],
    ['weekday check uses the schedule time zone (Saturday 00:30 in Paris is still Friday in UTC)', { kind: 'interval', interval: '1D', timeZone: 'Europe/Paris', weekdays: MON_FRI }, '2026-01-15T23:30:00Z', '2026-01-18T23:30:00.000Z'],
    ['cron with weekday restriction', { kind: 'cron', cron: '0 2 * * *', timeZone: 'UTC', weekdays: 0b0000010 }, '2026-01-14T02:00:00Z', '2026-01-19T02:00:00.000Z'],
    ['Duplicati next run in the future', { kind: 'at', at: '2026-01-15T02:00:00.000Z' }, '2026-01-14T02:00:00Z', '2026-01-15T02:00:00.000Z'],
    ['stale Duplicati next run', { kind: 'at', at: '2026-01-14T01:00:00.000Z' }, '2026-01-14T02:00:00Z', null],
    ['learned daily schedule snaps to its usual time', { kind: 'learned', intervalSeconds: 86_400, minuteOfDay: 120, timeZone: 'UTC' }, '2026-01-14T02:20:00Z', '2026-01-15T02:00:00.000Z'],
    ['learned daily schedule in Paris keeps its wall time across the autumn change', { kind: 'learned', intervalSeconds: 86_400, minuteOfDay: 180, timeZone: 'Europe/Paris' }, '2026-10-24T01:00:00Z', '2026-10-25T02:00:00.000Z'],
    ['the same cron again, in another zone', { kind: 'cron', cron: '0 2 * * *', timeZone: 'Asia/Tokyo', weekdays: null }, '2026-01-14T02:00:07Z', '2026-01-14T17:00:00.000Z'],
    ['the first cron again, in UTC', { kind: 'cron', cron: '0 2 * * *', timeZone: 'UTC', weekdays: null }, '2026-01-14T02:00:07Z', '2026-01-15T02:00:00.000Z'],
    ['learned hourly schedule adds the gap', { kind: 'learned', intervalSeconds: 3600, minuteOfDay: null, timeZone: 'UTC' }, '2026-01-14T02:20:00Z', '2026-01-14T03:20:00.000Z'],
  ];
  it.each(cases)('%s', (_name, schedule, last, expected) => {
    expect(nextDue(schedule, new Date(last))?.toISOString() ?? null).toBe(expected);
  });

  it('rejects an invalid cron expression every time it is asked', () => {
    const schedule: Schedule = { kind: 'cron', cron: 'not a cron', timeZone: 'UTC', weekdays: null };
    expect(() => nextDue(schedule, new Date('2026-01-14T02:00:00Z'))).toThrow(/CronPattern/);
    expect(() => nextDue(schedule, new Date('2026-01-14T02:00:00Z'))).toThrow(/CronPattern/);
  });
});

describe('learning a schedule from history', () => {
  it('needs at least three runs', () => {
    expect(learnSchedule([new Date('2026-01-01T02:00:00Z'), new Date('2026-01-02T02:00:00Z')], 'UTC')).toBeNull();
  });

  it('learns a daily job and its usual time of day from the median', () => {
    const runs = ['2026-01-01T02:00:10Z', '2026-01-02T02:01:00Z', '2026-01-03T02:00:30Z', '2026-01-04T05:00:00Z', '2026-01-05T02:00:00Z'].map((d) => new Date(d));
    expect(learnSchedule(runs, 'UTC')).toEqual({ intervalSeconds: 86_400, minuteOfDay: 120 });
  });

  it('learns an every-six-hours job without a time of day', () => {
    const runs = ['2026-01-01T00:00:00Z', '2026-01-01T06:00:00Z', '2026-01-01T12:00:00Z', '2026-01-01T18:00:00Z'].map((d) => new Date(d));
    expect(learnSchedule(runs, 'UTC')).toEqual({ intervalSeconds: 21_600, minuteOfDay: null });
  });
});

describe('schedule sources', () => {
  const user = { interval: null, cron: null, timeZone: 'UTC', weekdays: null };
  const learned = { intervalSeconds: 86_400, minuteOfDay: 120 };
  it.each([
    ['a user schedule wins over everything', { user: { ...user, interval: '12h' }, duplicatiNextRun: '2026-01-15T02:00:00Z', learned }, 'user', '12h'],
    ["Duplicati's schedule wins over history", { user, duplicatiNextRun: '2026-01-15T02:00:00Z', learned }, 'duplicati', 'next 2026-01-15T02:00:00Z'],
    ['history is used last and shown as learned', { user, duplicatiNextRun: null, learned }, 'learned', '1D'],
  ] as const)('%s', (_n, inputs, source, label) => {
    const eff = effectiveSchedule(inputs);
    expect(eff?.source).toBe(source);
    expect(eff?.label).toBe(label);
  });

  it('gives no schedule when nothing is known', () => {
    expect(effectiveSchedule({ user, duplicatiNextRun: null, learned: null })).toBeNull();
  });
});

describe('validating a user schedule', () => {
  it.each([
    [{ interval: '1D' }, null],
    [{ cron: '0 2 * * *', timeZone: 'Europe/Paris' }, null],
    [{ interval: '1D', cron: '0 2 * * *' }, 'either'],
    [{ interval: 'daily' }, 'not an interval'],
    [{ cron: 'every night' }, 'not a cron expression'],
    [{ interval: '1D', timeZone: 'Mars/Olympus' }, 'not a time zone'],
    [{ interval: '1D', weekdays: 0 }, 'at least one weekday'],
  ])('%j → %s', (input, problem) => {
    const got = scheduleProblem(input);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});
