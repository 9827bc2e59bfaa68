import { describe, expect, it } from 'vitest';
import { wallTime } from '../../../src/monitor/zoned-time';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's calendar as Intl reports it, part by part: what wallTime must always agree with. */
function reference(instant: Date, timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formats.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), weekday };
}

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Kiritimati'];

describe('wallTime', () => {
  it.each([
    ['the spring change in Paris', '2026-03-29T01:00:00Z'],
    ['the autumn change in Paris', '2026-10-25T01:00:00Z'],
    ['the spring change in New York', '2026-03-08T07:00:00Z'],
    ['a half-hour change on Lord Howe Island', '2026-04-04T15:00:00Z'],
    ['midnight UTC at a year end', '2025-12-31T23:59:59Z'],
    ['a leap day', '2024-02-29T12:00:00Z'],
    ['the first instant of year 1', '0001-01-01T00:00:00Z'],
    ['the last instant of year 9999', '9999-12-31T23:59:59Z'],
    ['a five-digit year', '+010000-01-01T00:00:00Z'],
    ['an instant before year 1, which Intl counts in era years', '-000001-06-01T00:00:00Z'],
  ])('agrees with the zone calendar around %s in every zone', (_what, iso) => {
    const at = Date.parse(iso);
    for (const timeZone of ZONES) {
      for (const delta of [-3_600_000, -1000, 0, 1000, 3_600_000]) {
        const instant = new Date(at + delta);
        expect(wallTime(instant, timeZone), `${timeZone} ${instant.toISOString()}`).toEqual(reference(instant, timeZone));
      }
    }
  });

  it('agrees with the zone calendar at spread instants from 1900 to 2100', () => {
    const differing: string[] = [];
    for (const timeZone of ZONES) {
      for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 7_919_993_017) {
        const instant = new Date(t);
        if (JSON.stringify(wallTime(instant, timeZone)) !== JSON.stringify(reference(instant, timeZone))) differing.push(`${timeZone} ${instant.toISOString()}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it.each(['UTC', 'Europe/Paris'])('throws on an invalid date in %s, as Intl does', (timeZone) => {
    expect(() => wallTime(new Date(Number.NaN), timeZone)).toThrow(RangeError);
  });
});
