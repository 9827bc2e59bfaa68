import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { monitorEvents, monitors, notifyChannels, outbox } from '../../../src/db/schema/index';
import { alias } from 'drizzle-orm/sqlite-core';
import { monitorSettings } from '../../../src/db/schema/index';
import { GLOBAL_SCOPE, jobScope, saveScopeSettings, scopeSettings, scopeSettingsFromJson, scopeSettingsJson, serverScope, type ScopeSettings } from '../../../src/monitor/settings';
import { createTestApp, manualClock, upload } from '../../support/test-app';
import { fixture } from '../../support/fixtures';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const success = fixture('duplicati/01-backup-success-2.1.json');
const machineId: string = success.Extra['machine-id'];
const runAt = (begin: string) => ({ ...success, Data: { ...success.Data, BeginTime: begin, EndTime: begin } });

type Scopes = { job?: Partial<ScopeSettings>; server?: Partial<ScopeSettings>; global?: Partial<ScopeSettings> };
type Outcome = { state: string; graceSeconds: number; nextDueAt: string | null; scheduleSource: string | null; successEvents: number; deliveries: number };

/** Every scope row is written, even one whose every setting is null (a scope cleared back to inheriting). */
const cases: [string, Scopes, Partial<Outcome>][] = [
  ['a job row that sets only the grace', { job: { graceSeconds: 600 } }, { graceSeconds: 600 }],
  ['a server row that sets only the grace, under a job row that sets nothing', { job: {}, server: { graceSeconds: 900 } }, { graceSeconds: 900 }],
  ['a job row that only pauses', { job: { paused: true } }, { state: 'paused' }],
  ['a server row that asks for every event', { server: { events: 'all' } }, { successEvents: 1, deliveries: 1 }],
  ['a job row that turns events off under a global row that wants them all', { job: { events: 'off' }, global: { events: 'all' } }, { successEvents: 0, deliveries: 0 }],
  ['a job row whose channels exclude the only channel', { job: { channels: [999] }, global: { events: 'all' } }, { successEvents: 1, deliveries: 0 }],
  ['a global interval under job and server rows that set nothing', { job: {}, server: {}, global: { interval: '1D' } }, { state: 'up', scheduleSource: 'user', nextDueAt: '2025-05-03T02:00:00.000Z' }],
  [
    'a server schedule taken whole, not mixed with the time zone of a job row without a schedule',
    { job: { timeZone: 'Asia/Tokyo' }, server: { cron: '0 4 * * *', timeZone: 'Europe/Paris' } },
    { state: 'up', scheduleSource: 'user', nextDueAt: '2025-05-03T02:00:00.000Z' },
  ],
  ['a job row that only sets a time zone, with no schedule anywhere', { job: { timeZone: 'Asia/Tokyo' } }, { state: 'new', scheduleSource: null, nextDueAt: null }],
];

describe('settings scopes read for a run at ingest', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({ clock: manualClock('2025-05-02T02:30:00.000Z') });
    const at = t.clock.now().toISOString();
    await t.db.insert(notifyChannels).values({ kind: 'webhook', name: 'hook', config: { url: 'http://127.0.0.1:9/' }, createdAt: at, updatedAt: at });
  });
  afterEach(async () => {
    await t.settle();
    t.close();
  });

  it.each(cases)('applies %s', async (_what, scopes, expected) => {
    expect((await upload(t.app, runAt('2025-05-01T02:00:00Z'))).status).toBe(200);
    const [first] = await t.db.select().from(monitors);
    const all: Partial<ScopeSettings> = { interval: null, cron: null, timeZone: null, weekdays: null, graceSeconds: null, paused: null, events: null, channels: null, reminder: null, digest: null };
    if (scopes.job) await saveScopeSettings(t.db, jobScope(first!.jobId), { ...all, ...scopes.job }, t.clock.now());
    if (scopes.server) await saveScopeSettings(t.db, serverScope(machineId), { ...all, ...scopes.server }, t.clock.now());
    if (scopes.global) await saveScopeSettings(t.db, GLOBAL_SCOPE, { ...all, ...scopes.global }, t.clock.now());

    expect((await upload(t.app, runAt('2025-05-02T02:00:00Z'))).status).toBe(200);
    const [m] = await t.db.select().from(monitors);
    const outcome: Outcome = {
      state: m!.state,
      graceSeconds: m!.graceSeconds,
      nextDueAt: m!.nextDueAt,
      scheduleSource: m!.scheduleSource,
      successEvents: await t.db.$count(monitorEvents, eq(monitorEvents.kind, 'success')),
      deliveries: await t.db.$count(outbox),
    };
    expect(outcome).toMatchObject(expected);
  });
});

describe('a settings scope read as one JSON column', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it.each<[string, Partial<ScopeSettings>]>([
    ['nothing set', {}],
    ['every setting set', { interval: '1D12h', timeZone: 'America/St_Johns', weekdays: 0b0111110, graceSeconds: 5400, paused: true, events: 'errors', channels: [3, 1], reminder: 'weekly', digest: true }],
    ['a cron, false booleans and no channels', { cron: '30 2 * * 1-5', paused: false, digest: false, channels: [] }],
    ['text with quotes and non-ASCII characters', { interval: '1D', timeZone: 'Europe/Zürich "x"' }],
  ])('decodes %s as the columns do', async (_what, values) => {
    await saveScopeSettings(t.db, 'job:1', values, t.clock.now());
    const row = alias(monitorSettings, 'row');
    const [read] = await t.db.select({ json: scopeSettingsJson(row) }).from(row).where(eq(row.scope, 'job:1'));
    expect(scopeSettingsFromJson(read!.json)).toEqual(await scopeSettings(t.db, 'job:1'));
  });

  it('is NULL for a left-joined scope that has no row', async () => {
    await saveScopeSettings(t.db, GLOBAL_SCOPE, { graceSeconds: 60 }, t.clock.now());
    const base = alias(monitorSettings, 'base');
    const row = alias(monitorSettings, 'row');
    const [read] = await t.db.select({ json: scopeSettingsJson(row) }).from(base).leftJoin(row, eq(row.scope, 'job:2')).where(eq(base.scope, GLOBAL_SCOPE));
    expect(read).toEqual({ json: null });
    expect(scopeSettingsFromJson(read!.json)).toBeUndefined();
  });
});
