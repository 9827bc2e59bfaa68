import { formatDateTime } from '../format';
import type { Health } from '../dashboard/job-list';
import { runTone } from '../dashboard/job-list';
import type { HistoryRun } from '../dashboard/types';

const HEALTH_CLASS: Record<Health, string> = { ok: 'status-ok', warn: 'status-warn', bad: 'status-bad', late: 'status-late', none: 'status-none' };

/** Each health has its own shape, so status never depends on colour alone. */
function HealthIcon({ health }: { health: Health }) {
  const path = {
    ok: 'M3.5 8.5l3 3 6-7',
    warn: 'M8 3v6M8 12v.5',
    bad: 'M4 4l8 8M12 4l-8 8',
    late: 'M8 4v4l3 2',
    none: 'M4 8h8',
  }[health];
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function StatusBadge({ health, label }: { health: Health; label: string }) {
  return (
    <span class={`status ${HEALTH_CLASS[health]}`}>
      <HealthIcon health={health} />
      {label}
    </span>
  );
}

const STRIP_CACHE_SIZE = 5000;
const stripCache = new Map<string, string>();

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => ESCAPES[ch]!);

/**
 * The last runs as small squares, oldest first; each carries a glyph (✓ ! ✕) by status as well as
 * a colour, and its status and time as accessible name (title of an img role). Built as one HTML
 * string: a dashboard holds thousands of these, and element-by-element rendering dominated its
 * server render time.
 */
export function HistoryStrip({ runs, label, statusLabel, tag, timeZone }: {
  runs: readonly HistoryRun[];
  label: string;
  statusLabel: (status: string) => string;
  tag: string;
  timeZone: string;
}) {
  // Stored runs never change, so a strip is fully determined by its run ids, locale and time zone.
  const key = `${tag}|${timeZone}|${runs.map((r) => r[0]).join(',')}`;
  let html = stripCache.get(key);
  if (html === undefined) {
    html = '';
    for (const [, status, begin] of runs) {
      html += `<span class="r r-${runTone(status)}" role="img" title="${escapeHtml(`${statusLabel(status)} · ${formatDateTime(tag, begin, timeZone)}`)}"></span>`;
    }
    if (stripCache.size >= STRIP_CACHE_SIZE) stripCache.delete(stripCache.keys().next().value!);
    stripCache.set(key, html);
  }
  return <span class="strip" role="group" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
