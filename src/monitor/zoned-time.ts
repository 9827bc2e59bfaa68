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

/** 0001-01-01T00:00:00Z: from here on the zone's calendar and Date's UTC fields agree (earlier, Intl counts era years). */
const FIRST_AD_INSTANT = -62_135_596_800_000;
/** What `format` writes for these options, e.g. `Fri, 5/2/2025, 04:00:00`. */
const FORMATTED = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

/**
 * UTC is read off the Date; other zones from `format`, whose text is the parts joined, parsed here
 * because `formatToParts` costs five times as much. Anything else it writes (5-digit years) goes
 * through the parts.
 */
export function wallTime(instant: Date, timeZone: string): WallTime {
  if (timeZone === 'UTC' && instant.getTime() >= FIRST_AD_INSTANT) {
    return {
      year: instant.getUTCFullYear(),
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
      second: instant.getUTCSeconds(),
      weekday: instant.getUTCDay(),
    };
  }
  const f = formatter(timeZone);
  const m = FORMATTED.exec(f.format(instant));
  if (m) {
    return { year: Number(m[4]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[5]), minute: Number(m[6]), second: Number(m[7]), weekday: WEEKDAYS[m[1]!]! };
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
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
