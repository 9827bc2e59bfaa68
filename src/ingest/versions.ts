import { boundedCache } from '../bounded-cache';
import { isoString, offsetMinutes, wallClockToEpoch } from './dates';

const LINE_PREFIX = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{2}(?::?\d{2})?)\b/;
const CONSIDER = 'Backups to consider:';
const DELETE = 'All backups to delete:';
/**
 * Text both markers contain: one search rules both out on the many lines that have neither. It
 * starts at the rare "k" because a short search runs from its first character ("ackups to " was
 * three times as slow over log lines full of "a").
 */
const EITHER_MARKER = 'kups to ';
const SLASH_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP]M))?$/i;
const DASH_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * One version timestamp from Duplicati's retention log, written in the client's locale and zone.
 * Day-first unless the first number cannot be a day-of-month pair that way (US clients), and read
 * at the log line's own offset. Returns an ISO string, or the text unchanged when unrecognised.
 */
export function parseVersionDate(text: string, offsetMin: number): string {
  const t = text.trim();
  let epoch: number | null;
  const slash = SLASH_DATE.exec(t);
  if (slash) {
    let day = Number(slash[1]);
    let month = Number(slash[2]);
    if (month > 12 && day <= 12) [day, month] = [month, day];
    let hour = Number(slash[4]);
    const ampm = slash[7];
    if (ampm) hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
    epoch = wallClockToEpoch(Number(slash[3]), month, day, hour, Number(slash[5]), Number(slash[6] ?? 0), 0, offsetMin);
  } else {
    // A slash date has a separator where a dash date has its year's second or third digit: never both.
    const dash = DASH_DATE.exec(t);
    if (!dash) return t;
    epoch = wallClockToEpoch(Number(dash[1]), Number(dash[2]), Number(dash[3]), Number(dash[4]), Number(dash[5]), Number(dash[6] ?? 0), 0, offsetMin);
  }
  return epoch === null ? t : isoString(epoch);
}

/**
 * Every upload of a job lists its versions again, all but the newest seen before, so readings are
 * kept (a bounded number, across jobs) and most of a list is looked up instead of parsed.
 */
const readings = boundedCache<string>(4096);

function readVersionDate(text: string, offsetMin: number): string {
  return readings(`${offsetMin} ${text}`, () => parseVersionDate(text, offsetMin));
}

function listAfter(line: string, marker: string): string[] | null {
  const at = line.indexOf(marker);
  if (at < 0) return null;
  return line
    .slice(at + marker.length)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Available versions: those listed after "Backups to consider:" minus those after "All backups to delete:". */
export function availableVersions(lines: readonly string[]): string[] {
  let consider: string[] = [];
  let remove: string[] = [];
  let offset = 0;
  for (const line of lines) {
    if (!line.includes(EITHER_MARKER)) continue;
    const c = listAfter(line, CONSIDER);
    const d = listAfter(line, DELETE);
    if (c || d) offset = offsetMinutes(LINE_PREFIX.exec(line)?.[7]);
    if (c) consider = c;
    if (d) remove = d;
  }
  const removed = new Set(remove);
  return consider.filter((v) => !removed.has(v)).map((v) => readVersionDate(v, offset));
}
