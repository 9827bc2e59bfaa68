const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Minutes east of UTC for `Z`, `+01`, `+0130`, `-05:00`. */
export function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

const DAY_MS = 86_400_000;

/** Proleptic Gregorian date of a whole-day count since 1970-01-01 (Hinnant's days-to-civil), without a Date. */
function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** Milliseconds since the epoch for wall-clock fields at a given UTC offset, or null if a field is out of range. */
export function wallClockToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31 April over to 1 May; such a date is rejected rather than moved.
  if (!Number.isFinite(t) || civilDate(Math.floor(t / DAY_MS)).day !== d) return null;
  return t - offsetMin * 60_000;
}

/** The instants whose ISO form has a four-digit year: 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z. */
const FIRST_FOUR_DIGIT_YEAR = -62_167_219_200_000;
const LAST_FOUR_DIGIT_YEAR = 253_402_300_799_999;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()`, which costs most of a microsecond in V8, by arithmetic; the rare
 * instants outside four-digit years (and NaN, which throws) still go through Date.
 */
export function isoString(ms: number): string {
  if (!(ms >= FIRST_FOUR_DIGIT_YEAR && ms <= LAST_FOUR_DIGIT_YEAR)) return new Date(ms).toISOString();
  const t = Math.trunc(ms);
  const days = Math.floor(t / DAY_MS);
  const { year, month, day } = civilDate(days);
  const inDay = t - days * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const millis = inDay - seconds * 1000;
  const yyyy = year < 10 ? `000${year}` : year < 100 ? `00${year}` : year < 1000 ? `0${year}` : `${year}`;
  const mmm = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${yyyy}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${mmm}Z`;
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
