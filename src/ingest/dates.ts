const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Minutes east of UTC for `Z`, `+01`, `+0130`, `-05:00`. */
export function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** Milliseconds since the epoch for wall-clock fields at a given UTC offset, or null if a field is out of range. */
export function wallClockToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(t).getUTCDate() !== d) return null;
  return t - offsetMin * 60_000;
}

/**
 * Parses a Duplicati timestamp (7 fractional digits, its own offset; no offset means UTC, never the
 * server's zone) to epoch milliseconds, or null when it is not a timestamp.
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  return wallClockToEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms, offsetMinutes(off));
}
