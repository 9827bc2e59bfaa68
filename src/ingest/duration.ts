const DURATION = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

/**
 * Seconds in a .NET TimeSpan string as Duplicati writes it: `hh:mm:ss(.fffffff)` or, for runs of a
 * day or more, `d.hh:mm:ss(.fffffff)` (duplistatus misreads the latter). Null when it is not one.
 */
export function parseDuration(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DURATION.exec(value.trim());
  if (!m) return null;
  const [, days, hours, minutes, seconds, fraction] = m;
  if (Number(minutes) > 59 || Number(seconds) > 59 || Number(hours) > 23 && days !== undefined) return null;
  const whole = Number(days ?? 0) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds);
  return whole + (fraction ? Number(`0.${fraction}`) : 0);
}

/** `HH:MM:SS` as duplistatus shows durations (hours may exceed 24). */
export function formatHms(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
