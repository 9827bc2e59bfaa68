import { offsetMinutes, wallClockToEpoch } from './dates';

const LINE_PREFIX = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{2}(?::?\d{2})?)\b/;
const CONSIDER = 'Backups to consider:';
const DELETE = 'All backups to delete:';
const SLASH_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP]M))?$/i;
const DASH_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * One version timestamp from Duplicati's retention log, written in the client's locale and zone.
 * Day-first unless the first number cannot be a day-of-month pair that way (US clients), and read
 * at the log line's own offset. Returns an ISO string, or the text unchanged when unrecognised.
 */
export function parseVersionDate(text: string, offsetMin: number): string {
  const t = text.trim();
  let fields: [number, number, number, number, number, number] | null = null;
  const slash = SLASH_DATE.exec(t);
  if (slash) {
    const [, a, b, y, h, mi, s, ampm] = slash;
    let day = Number(a);
    let month = Number(b);
    if (month > 12 && day <= 12) [day, month] = [month, day];
    let hour = Number(h);
    if (ampm) hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
    fields = [Number(y), month, day, hour, Number(mi), Number(s ?? 0)];
  }
  const dash = DASH_DATE.exec(t);
  if (dash) {
    const [, y, mo, d, h, mi, s] = dash;
    fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0)];
  }
  if (!fields) return t;
  const epoch = wallClockToEpoch(...fields, 0, offsetMin);
  return epoch === null ? t : new Date(epoch).toISOString();
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
    const c = listAfter(line, CONSIDER);
    const d = listAfter(line, DELETE);
    if (c || d) offset = offsetMinutes(LINE_PREFIX.exec(line)?.[7]);
    if (c) consider = c;
    if (d) remove = d;
  }
  const removed = new Set(remove);
  return consider.filter((v) => !removed.has(v)).map((v) => parseVersionDate(v, offset));
}
