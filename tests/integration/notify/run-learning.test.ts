import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monitors } from '../../../src/db/schema/index';
import { parseReport, type ParsedRun } from '../../../src/ingest/parse-report';
import { storeRun } from '../../../src/ingest/store-run';
import { recordIntegrationRequest } from '../../../src/admin/integration-requests';
import { recordRunTransition } from '../../../src/monitor/evaluate-run';
import { createTestApp, manualClock } from '../../support/test-app';
import { fixture } from '../../support/fixtures';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const success = fixture('duplicati/01-backup-success-2.1.json');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('learning a schedule at ingest', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ clock: manualClock('2025-06-01T00:00:00.000Z') });
  });
  afterEach(() => t.close());

  async function store(beginMs: number) {
    const begin = new Date(beginMs).toISOString();
    const { run } = parseReport({ ...success, Data: { ...success.Data, BeginTime: begin, EndTime: begin } }, t.clock.now()) as { run: ParsedRun };
    const body = new TextEncoder().encode(begin);
    const requestId = await recordIntegrationRequest(t.deps.store, { direction: 'inbound', kind: 'upload', endpoint: '/api/upload', method: 'POST', status: 'Queued', headers: {}, body }, t.clock.now());
    const outcome = await storeRun(t.deps.store, run, requestId, t.clock.now());
    return { ...run, id: (outcome as { runId: number }).runId };
  }

  it.each([
    ['25 hourly runs then 20 daily ones at 02:10: only the newest 20 count', 25, 20, { learnedIntervalSeconds: 86_400, learnedMinuteOfDay: 130 }],
    ['25 hourly runs then 8 daily ones: the hourly ones among the newest 20 win', 25, 8, { learnedIntervalSeconds: 3600, learnedMinuteOfDay: null }],
    ['two daily runs, too few to learn from', 0, 2, { learnedIntervalSeconds: null, learnedMinuteOfDay: null }],
  ])('%s', async (_what, hourly, daily, learned) => {
    const firstDaily = Date.parse('2025-05-01T02:10:00Z');
    for (let i = 0; i < hourly; i++) await store(firstDaily - (hourly + 24 - i) * HOUR);
    let newest: Awaited<ReturnType<typeof store>> | undefined;
    for (let i = 0; i < daily; i++) newest = await store(firstDaily + i * DAY);
    await recordRunTransition(t.deps.store, newest!, t.clock.now());
    const [m] = await t.db.select({ learnedIntervalSeconds: monitors.learnedIntervalSeconds, learnedMinuteOfDay: monitors.learnedMinuteOfDay }).from(monitors);
    expect(m).toEqual(learned);
  });
});
