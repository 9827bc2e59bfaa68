import type { EventFilter, MonitorEventKind, MonitorState, ReminderRepeat } from '../db/schema/index';

/** The part of a monitor row the state machine reads. Times are ISO strings. */
export type MonitorSnapshot = {
  state: MonitorState;
  lastRunAt: string | null;
  lastStatus: string | null;
  nextDueAt: string | null;
  lastAlertAt: string | null;
};

export type Policy = { paused: boolean; graceSeconds: number; reminder: ReminderRepeat };

export type Transition = {
  state: MonitorState;
  event: { kind: MonitorEventKind; reminder: boolean } | null;
  /** When the scan must look again; null when only a new run can change anything. */
  alertAfter: string | null;
  lastAlertAt: string | null;
};

const FAILED_STATUSES = new Set(['Error', 'Fatal']);
export const isFailedStatus = (status: string) => FAILED_STATUSES.has(status);

const REMINDER_MS: Record<ReminderRepeat, number | null> = { never: null, daily: 86_400_000, weekly: 7 * 86_400_000 };

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (isoText: string) => new Date(isoText).getTime();

/** Overdue strictly after due + grace: a job due at 02:00 with 2 h grace is still late at 04:00:00. */
function overdueAt(nextDueAt: string, graceSeconds: number): number {
  return ms(nextDueAt) + graceSeconds * 1000 + 1000;
}

/** When the scan must next look at a monitor in `state`. */
export function nextAlertAfter(state: MonitorState, nextDueAt: string | null, policy: Policy, lastAlertAt: string | null): string | null {
  if (policy.paused) return null;
  if ((state === 'up' || state === 'new') && nextDueAt) return nextDueAt;
  if (state === 'late' && nextDueAt) return iso(overdueAt(nextDueAt, policy.graceSeconds));
  const every = REMINDER_MS[policy.reminder];
  const reminder = (state === 'overdue' || state === 'failed') && every && lastAlertAt ? ms(lastAlertAt) + every : null;
  // A failed job whose next run does not come either becomes overdue.
  const overdue = state === 'failed' && nextDueAt ? overdueAt(nextDueAt, policy.graceSeconds) : null;
  const times = [reminder, overdue].filter((x): x is number => x !== null);
  return times.length ? iso(Math.min(...times)) : null;
}

/**
 * A new run (the newest one for its job) arrived. `nextDueAt` is when the run after it is
 * expected (null without a schedule). Failed fires on entering failed, recovered on a good run
 * after failed or overdue, warning on the first warning after a run without one, success on any
 * other good run (kept only for jobs that want every event).
 */
export function onRun(m: MonitorSnapshot, run: { status: string }, nextDueAt: string | null, policy: Policy, now: Date): Transition {
  const failed = isFailedStatus(run.status);
  let state: MonitorState = failed ? 'failed' : nextDueAt ? 'up' : 'new';
  let kind: MonitorEventKind | null;
  if (failed) kind = m.state === 'failed' ? null : 'failed';
  else if (m.state === 'failed' || m.state === 'overdue') kind = 'recovered';
  else if (run.status === 'Warning') kind = m.lastStatus === 'Warning' ? null : 'warning';
  else kind = 'success';
  if (policy.paused) {
    state = 'paused';
    kind = null;
  }
  const alerted = kind === 'failed' ? now.toISOString() : m.lastAlertAt;
  return { state, event: kind ? { kind, reminder: false } : null, alertAfter: nextAlertAfter(state, nextDueAt, policy, alerted), lastAlertAt: alerted };
}

/** The minute scan's view: what time alone changes (late, overdue, reminders); null when nothing does. */
export function onTick(m: MonitorSnapshot, policy: Policy, now: Date): Transition | null {
  const t = now.getTime();
  if (policy.paused) {
    return m.state === 'paused' ? null : { state: 'paused', event: null, alertAfter: null, lastAlertAt: m.lastAlertAt };
  }
  if (m.state === 'paused') {
    // Resumed: back to the state the last run implies, and alarmed again from the next due time.
    const state: MonitorState = m.lastStatus && isFailedStatus(m.lastStatus) ? 'failed' : m.nextDueAt ? 'up' : 'new';
    return { state, event: null, alertAfter: nextAlertAfter(state, m.nextDueAt, policy, m.lastAlertAt), lastAlertAt: m.lastAlertAt };
  }
  if ((m.state === 'up' || m.state === 'new' || m.state === 'late' || m.state === 'failed') && m.nextDueAt && t >= ms(m.nextDueAt)) {
    if (t >= overdueAt(m.nextDueAt, policy.graceSeconds)) {
      const at = now.toISOString();
      return { state: 'overdue', event: { kind: 'overdue', reminder: false }, alertAfter: nextAlertAfter('overdue', m.nextDueAt, policy, at), lastAlertAt: at };
    }
    if (m.state === 'late') return null;
    // A failed job stays failed (already alerted) while its next run may still come.
    if (m.state !== 'failed') return { state: 'late', event: null, alertAfter: nextAlertAfter('late', m.nextDueAt, policy, m.lastAlertAt), lastAlertAt: m.lastAlertAt };
  }
  const every = REMINDER_MS[policy.reminder];
  if ((m.state === 'overdue' || m.state === 'failed') && every && m.lastAlertAt && t >= ms(m.lastAlertAt) + every) {
    const at = now.toISOString();
    return { state: m.state, event: { kind: m.state, reminder: true }, alertAfter: nextAlertAfter(m.state, m.nextDueAt, policy, at), lastAlertAt: at };
  }
  return null;
}

const WANTED: Record<EventFilter, ReadonlySet<MonitorEventKind>> = {
  off: new Set(),
  errors: new Set(['failed', 'overdue', 'recovered']),
  warnings: new Set(['warning', 'failed', 'overdue', 'recovered']),
  all: new Set(['success', 'warning', 'failed', 'overdue', 'recovered']),
};

/** Whether a job (or a device) that chose `filter` is told about `kind`. */
export function wants(filter: EventFilter, kind: MonitorEventKind): boolean {
  return WANTED[filter].has(kind);
}
