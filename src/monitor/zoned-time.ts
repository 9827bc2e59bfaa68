/** Wall-clock fields in a time zone; month 1-12, weekday 0 = Sunday. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday!]!,
  };
}

function offsetMs(instantMs: number, timeZone: string): number {
  const w = wallTime(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a spring-forward change maps to
 * the same distance past the change (02:30 → 03:30); an ambiguous autumn time maps to its first occurrence.
 */
export function zonedInstant(w: Omit<WallTime, 'weekday'>, timeZone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const before = offsetMs(asUtc - 86_400_000 / 2, timeZone);
  const after = offsetMs(asUtc + 86_400_000 / 2, timeZone);
  // Try the earlier offset first so an ambiguous time resolves to its first occurrence.
  for (const off of before >= after ? [before, after] : [after, before]) {
    const t = asUtc - off;
    if (offsetMs(t, timeZone) === off) return new Date(t);
  }
  return new Date(asUtc - before);
}

/** Adds whole calendar days in the zone, keeping the wall-clock time (a day across DST is 23 or 25 hours). */
export function addZonedDays(instant: Date, days: number, timeZone: string): Date {
  const w = wallTime(instant, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return zonedInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: w.hour, minute: w.minute, second: w.second }, timeZone);
}
