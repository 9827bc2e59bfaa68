import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings, scopeSettingsFromJson } from '../../../src/monitor/settings';
import { planDeliveries } from '../../../src/notify/targets';

describe('settings inheritance', () => {
  it('uses the built-in defaults when nothing is set', () => {
    expect(resolveSettings([undefined, undefined, undefined])).toEqual(DEFAULT_SETTINGS);
  });

  it('takes each field from the narrowest scope that sets it', () => {
    const s = resolveSettings([{ events: 'errors' }, { graceSeconds: 600, events: 'all' }, { reminder: 'daily', graceSeconds: 3600 }]);
    expect(s).toMatchObject({ events: 'errors', graceSeconds: 600, reminder: 'daily' });
  });

  it('takes a schedule whole from one scope, never mixing a job cron with server weekdays', () => {
    const s = resolveSettings([{ cron: '0 3 * * *', timeZone: 'Europe/Paris' }, { interval: '1D', weekdays: 0b0111110, timeZone: 'UTC' }]);
    expect(s).toMatchObject({ cron: '0 3 * * *', interval: null, timeZone: 'Europe/Paris', weekdays: null });
  });

  it('lets a job set paused to false under a paused server', () => {
    expect(resolveSettings([{ paused: false }, { paused: true }]).paused).toBe(false);
  });
});

describe('a settings scope read as JSON', () => {
  const none = { interval: null, cron: null, timeZone: null, weekdays: null, graceSeconds: null, paused: null, events: null, channels: null, reminder: null, digest: null };
  it.each([
    ['no row', null, undefined],
    ['a row that sets nothing', JSON.stringify(none), none],
    ['booleans stored as 1', JSON.stringify({ ...none, paused: 1, digest: 1 }), { ...none, paused: true, digest: true }],
    ['booleans stored as 0', JSON.stringify({ ...none, paused: 0, digest: 0 }), { ...none, paused: false, digest: false }],
    ['channels stored as JSON text', JSON.stringify({ ...none, channels: '[1,2]' }), { ...none, channels: [1, 2] }],
    ['an empty channel list', JSON.stringify({ ...none, channels: '[]' }), { ...none, channels: [] }],
    [
      'text and integer settings as stored',
      JSON.stringify({ ...none, interval: '1D', cron: '0 2 * * *', timeZone: 'Europe/Paris', weekdays: 62, graceSeconds: 600, events: 'all', reminder: 'daily' }),
      { ...none, interval: '1D', cron: '0 2 * * *', timeZone: 'Europe/Paris', weekdays: 62, graceSeconds: 600, events: 'all', reminder: 'daily' },
    ],
  ])('decodes %s', (_what, text, settings) => {
    expect(scopeSettingsFromJson(text)).toEqual(settings);
  });
});

describe('planning deliveries', () => {
  const recipients = {
    channels: [{ id: 1, kind: 'email' }, { id: 2, kind: 'ntfy' }, { id: 3, kind: 'webpush' }],
    subscriptions: [
      { id: 10, events: 'all' as const, jobIds: null },
      { id: 11, events: 'errors' as const, jobIds: null },
      { id: 12, events: 'all' as const, jobIds: [99] },
    ],
  };
  const target = (d: { channelId: number; target: string }) => `${d.channelId}:${d.target}`;

  it('sends a failure to every channel and every device that wants it', () => {
    expect(planDeliveries('failed', { jobId: 7, events: 'warnings', channels: null }, recipients).map(target)).toEqual(['1:default', '2:default', '3:10', '3:11']);
  });

  it('sends a warning only to devices that want warnings', () => {
    expect(planDeliveries('warning', { jobId: 7, events: 'warnings', channels: null }, recipients).map(target)).toEqual(['1:default', '2:default', '3:10']);
  });

  it("keeps to the job's chosen channels", () => {
    expect(planDeliveries('failed', { jobId: 7, events: 'all', channels: [2] }, recipients).map(target)).toEqual(['2:default']);
  });

  it('sends nothing for a job whose filter does not want the event', () => {
    expect(planDeliveries('warning', { jobId: 7, events: 'errors', channels: null }, recipients)).toEqual([]);
  });
});
