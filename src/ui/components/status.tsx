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

/**
 * The last runs as small squares, oldest first; each carries a glyph (✓ ! ✕) by status as well as
 * a colour, and its status and time as accessible name and tooltip.
 */
export function HistoryStrip({ runs, label, statusLabel, tag, timeZone }: {
  runs: readonly HistoryRun[];
  label: string;
  statusLabel: (status: string) => string;
  tag: string;
  timeZone: string;
}) {
  return (
    <span class="strip" role="group" aria-label={label}>
      {runs.map(([id, status, begin]) => {
        const text = `${statusLabel(status)} · ${formatDateTime(tag, begin, timeZone)}`;
        return <span key={id} class={`r r-${runTone(status)}`} role="img" aria-label={text} title={text} />;
      })}
    </span>
  );
}
