import { describe, expect, it } from 'vitest';
import { onRun, onTick, wants, type MonitorSnapshot, type Policy } from '../../../src/monitor/transitions';

const policy: Policy = { paused: false, graceSeconds: 7200, reminder: 'never' };
const up: MonitorSnapshot = { state: 'up', lastRunAt: '2026-01-14T02:00:00.000Z', lastStatus: 'Success', nextDueAt: '2026-01-15T02:00:00.000Z', lastAlertAt: null };
const at = (iso: string) => new Date(iso);

describe('a job due at 02:00 with 2 h grace', () => {
  it('is still up just before 02:00', () => {
    expect(onTick(up, policy, at('2026-01-15T01:59:59Z'))).toBeNull();
  });

  it('is late at 03:00, without an alert', () => {
    const t = onTick(up, policy, at('2026-01-15T03:00:00Z'));
    expect(t).toMatchObject({ state: 'late', event: null, alertAfter: '2026-01-15T04:00:01.000Z' });
  });

  it('is still late at 04:00 exactly', () => {
    expect(onTick({ ...up, state: 'late' }, policy, at('2026-01-15T04:00:00Z'))).toBeNull();
  });

  it('is overdue at 04:01, with one overdue alert', () => {
    const t = onTick({ ...up, state: 'late' }, policy, at('2026-01-15T04:01:00Z'));
    expect(t).toMatchObject({ state: 'overdue', event: { kind: 'overdue', reminder: false }, lastAlertAt: '2026-01-15T04:01:00.000Z', alertAfter: null });
  });

  it('goes straight from up to overdue when the scan was not running in between', () => {
    expect(onTick(up, policy, at('2026-01-15T09:00:00Z'))).toMatchObject({ state: 'overdue', event: { kind: 'overdue' } });
  });

  it('does not alert again while overdue when reminders are off', () => {
    expect(onTick({ ...up, state: 'overdue', lastAlertAt: '2026-01-15T04:01:00.000Z' }, policy, at('2026-01-20T04:01:00Z'))).toBeNull();
  });

  it('is recovered when the next run arrives', () => {
    const t = onRun({ ...up, state: 'overdue' }, { status: 'Success' }, '2026-01-16T02:00:00.000Z', policy, at('2026-01-15T05:00:00Z'));
    expect(t).toMatchObject({ state: 'up', event: { kind: 'recovered' }, alertAfter: '2026-01-16T02:00:00.000Z' });
  });
});

describe('runs', () => {
  const now = at('2026-01-15T02:30:00Z');
  const due = '2026-01-16T02:00:00.000Z';
  it.each([
    ['a failure after success alerts failed', up, 'Error', 'failed', 'failed'],
    ['a fatal run counts as failed', up, 'Fatal', 'failed', 'failed'],
    ['a second failure does not alert again', { ...up, state: 'failed' as const, lastStatus: 'Error' }, 'Error', 'failed', null],
    ['a success after failure alerts recovered', { ...up, state: 'failed' as const, lastStatus: 'Error' }, 'Success', 'up', 'recovered'],
    ['a warning after failure is a recovery too', { ...up, state: 'failed' as const, lastStatus: 'Error' }, 'Warning', 'up', 'recovered'],
    ['a success after late is quietly up (never alerted)', { ...up, state: 'late' as const }, 'Success', 'up', 'success'],
    ['the first warning alerts warning', up, 'Warning', 'up', 'warning'],
    ['a repeated warning does not', { ...up, lastStatus: 'Warning' }, 'Warning', 'up', null],
    ['a plain success is a success event', up, 'Success', 'up', 'success'],
  ] as const)('%s', (_n, before, status, state, kind) => {
    const t = onRun(before, { status }, due, policy, now);
    expect(t.state).toBe(state);
    expect(t.event?.kind ?? null).toBe(kind);
  });

  it('keeps a job without any schedule in state new, never alarmed by time', () => {
    const t = onRun({ ...up, state: 'new', nextDueAt: null }, { status: 'Success' }, null, policy, now);
    expect(t).toMatchObject({ state: 'new', alertAfter: null });
  });

  it('still alerts a failure of a job without a schedule', () => {
    expect(onRun({ ...up, state: 'new', nextDueAt: null }, { status: 'Error' }, null, policy, now).event?.kind).toBe('failed');
  });

  it('records runs of a paused job without alerting', () => {
    expect(onRun(up, { status: 'Error' }, due, { ...policy, paused: true }, now)).toMatchObject({ state: 'paused', event: null, alertAfter: null });
  });
});

describe('reminders and pausing', () => {
  const overdue: MonitorSnapshot = { ...up, state: 'overdue', lastAlertAt: '2026-01-15T04:01:00.000Z' };
  it.each([
    ['daily reminder a day later', 'daily', '2026-01-16T04:01:00Z', true],
    ['no daily reminder before a day has passed', 'daily', '2026-01-16T04:00:00Z', false],
    ['weekly reminder after a week', 'weekly', '2026-01-22T04:01:00Z', true],
    ['no weekly reminder after six days', 'weekly', '2026-01-21T04:01:00Z', false],
  ] as const)('%s', (_n, reminder, now, fires) => {
    const t = onTick(overdue, { ...policy, reminder }, at(now));
    expect(t?.event ?? null).toEqual(fires ? { kind: 'overdue', reminder: true } : null);
  });

  it('reminds about a failed job too', () => {
    const t = onTick({ ...overdue, state: 'failed', lastStatus: 'Error', nextDueAt: '2026-01-18T02:00:00.000Z' }, { ...policy, reminder: 'daily' }, at('2026-01-16T05:00:00Z'));
    expect(t).toMatchObject({ state: 'failed', event: { kind: 'failed', reminder: true }, alertAfter: '2026-01-17T05:00:00.000Z' });
  });

  it('pauses a job and forgets pending alerts', () => {
    expect(onTick(up, { ...policy, paused: true }, at('2026-01-15T09:00:00Z'))).toEqual({ state: 'paused', event: null, alertAfter: null, lastAlertAt: null });
  });

  it('resumes to up and is alarmed from the next due time', () => {
    const t = onTick({ ...up, state: 'paused' }, policy, at('2026-01-14T09:00:00Z'));
    expect(t).toMatchObject({ state: 'up', event: null, alertAfter: '2026-01-15T02:00:00.000Z' });
  });
});

describe('event filters', () => {
  it.each([
    ['off', 'failed', false],
    ['errors', 'failed', true],
    ['errors', 'overdue', true],
    ['errors', 'recovered', true],
    ['errors', 'warning', false],
    ['warnings', 'warning', true],
    ['warnings', 'success', false],
    ['all', 'success', true],
  ] as const)('%s wants %s: %s', (filter, kind, expected) => {
    expect(wants(filter, kind)).toBe(expected);
  });
});

describe('a failed job', () => {
  const failed: MonitorSnapshot = { ...up, state: 'failed', lastStatus: 'Error', lastAlertAt: '2026-01-14T02:05:00.000Z' };
  it('is looked at again when its next run would be overdue', () => {
    const t = onRun({ ...up }, { status: 'Error' }, '2026-01-15T02:00:00.000Z', policy, at('2026-01-14T02:05:00Z'));
    expect(t).toMatchObject({ state: 'failed', alertAfter: '2026-01-15T04:00:01.000Z' });
  });

  it('stays failed, without a late state, while its next run may still come', () => {
    expect(onTick(failed, policy, at('2026-01-15T03:00:00Z'))).toBeNull();
  });

  it('becomes overdue with an alert when its next run does not come either', () => {
    expect(onTick(failed, policy, at('2026-01-15T04:01:00Z'))).toMatchObject({ state: 'overdue', event: { kind: 'overdue', reminder: false } });
  });
});
