/**
 * Locale-aware formatting through Intl, shared by server pages and islands. Functions take the
 * BCP 47 tag (intlTag(locale)) rather than a catalogue, so islands format without shipping catalogues.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** A time zone name Intl accepts, else UTC (zones arrive from a cookie the browser sets). */
export function safeTimeZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Date and time, e.g. "23 Nov 2026, 18:05" / "23 nov. 2026, 18:05". */
export function formatDateTime(tag: string, value: Date | string | number, timeZone = 'UTC'): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  return cached(`dt|${tag}|${timeZone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(d);
}

/** Date only, e.g. "23 Nov 2026" / "23 nov. 2026". */
export function formatDate(tag: string, value: Date | string | number, timeZone = 'UTC'): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  return cached(`d|${tag}|${timeZone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone })).format(d);
}

/** Hours and minutes, e.g. "18:05" (the offline banner's HH:MM). */
export function formatTime(tag: string, value: Date | string | number, timeZone = 'UTC'): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  return cached(`t|${tag}|${timeZone}`, () => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', timeZone })).format(d);
}

export function formatNumber(tag: string, value: number, maximumFractionDigits = 0): string {
  return cached(`n|${tag}|${maximumFractionDigits}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits })).format(value);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Sizes in 1024 steps as Duplicati reports them, with the locale's unit names: "1.5 GB" / "1,5 Go". */
export function formatBytes(tag: string, bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  const fmt = cached(`b|${tag}|${unit}|${digits}`, () =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: BYTE_UNITS[unit]!, unitDisplay: unit === 0 ? 'narrow' : 'short', maximumFractionDigits: digits }));
  return fmt.format(Math.sign(bytes) * value);
}

const DURATION_UNITS = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
  { unit: 'second', seconds: 1 },
] as const;

/** A duration in its two largest units, e.g. "1h 5m" / "1 h 5 min"; under a minute keeps seconds. */
export function formatDuration(tag: string, seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const { unit, seconds: size } of DURATION_UNITS) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || (parts.length === 0 && unit === 'second')) {
      parts.push(cached(`u|${tag}|${unit}`, () => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'narrow' })).format(amount));
    }
    if (parts.length === 2) break;
    if (parts.length === 1 && amount === 0) break;
  }
  return parts.join(' ');
}

const RELATIVE_STEPS = [
  { unit: 'year', seconds: 31_536_000 },
  { unit: 'month', seconds: 2_592_000 },
  { unit: 'week', seconds: 604_800 },
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
  { unit: 'second', seconds: 1 },
] as const;

/** "3 hours ago" / "il y a 3 heures" for a moment relative to now. */
export function formatRelative(tag: string, value: Date | string | number, now: Date | number): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  const diff = (d.getTime() - toDate(now).getTime()) / 1000;
  const step = RELATIVE_STEPS.find((s) => Math.abs(diff) >= s.seconds) ?? RELATIVE_STEPS[RELATIVE_STEPS.length - 1]!;
  const fmt = cached(`r|${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }));
  return fmt.format(Math.round(diff / step.seconds), step.unit);
}
