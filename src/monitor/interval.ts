import { addZonedDays, wallTime, zonedInstant } from './zoned-time';

/** A Duplicati interval split into calendar parts (kept in wall-clock time) and a fixed part. */
export type Interval = { months: number; days: number; seconds: number };

const UNIT = /(\d+)\s*([YMWDhms])/g;

/**
 * Parses Duplicati's interval grammar: `1D`, `12h`, `1W`, `1D12h`, `2W`, `1M`, `1Y`, `30m`, `45s`
 * (M is months, m minutes). Returns null for anything else or for a zero interval.
 */
export function parseInterval(text: string): Interval | null {
  const compact = text.trim();
  if (!/^(\d+\s*[YMWDhms]\s*)+$/.test(compact)) return null;
  const out: Interval = { months: 0, days: 0, seconds: 0 };
  for (const [, n, unit] of compact.matchAll(UNIT)) {
    const v = Number(n);
    if (unit === 'Y') out.months += 12 * v;
    else if (unit === 'M') out.months += v;
    else if (unit === 'W') out.days += 7 * v;
    else if (unit === 'D') out.days += v;
    else if (unit === 'h') out.seconds += 3600 * v;
    else if (unit === 'm') out.seconds += 60 * v;
    else out.seconds += v;
  }
  return out.months || out.days || out.seconds ? out : null;
}

/** Formats seconds back into the same grammar (86400 → 1D, 129600 → 1D12h), for learned schedules. */
export function formatInterval(totalSeconds: number): string {
  let s = Math.round(totalSeconds);
  const parts: string[] = [];
  for (const [unit, size] of [['W', 604_800], ['D', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(s / size);
    if (n > 0) parts.push(`${n}${unit}`);
    s -= n * size;
  }
  return parts.join('') || '0s';
}

/** Approximate length, for comparisons and display only. */
export function intervalSeconds(i: Interval): number {
  return i.months * 30 * 86_400 + i.days * 86_400 + i.seconds;
}

/** `from` plus the interval: months and days in the zone's wall clock (so 1D stays at 02:00 across DST), then the fixed part. */
export function addInterval(from: Date, i: Interval, timeZone: string): Date {
  let t = from;
  if (i.months) {
    const w = wallTime(t, timeZone);
    const target = new Date(Date.UTC(w.year, w.month - 1 + i.months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    t = zonedInstant({ year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: Math.min(w.day, lastDay), hour: w.hour, minute: w.minute, second: w.second }, timeZone);
  }
  if (i.days) t = addZonedDays(t, i.days, timeZone);
  return new Date(t.getTime() + i.seconds * 1000);
}
