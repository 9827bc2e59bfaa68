import { afterEach, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { gzipSync } from 'node:zlib';
import { createLogger } from '../../src/logger';
import { backupRuns, integrationRequests, jobs, servers, totals } from '../../src/db/schema/index';
import { receivedBody } from '../../src/admin/integration-requests';
import { replayUpload } from '../../src/ingest/replay';
import { createTestApp, upload, UPLOAD_TOKEN } from '../support/test-app';
import { fixture, fixtureText } from '../support/fixtures';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
const apps: TestApp[] = [];
async function start(opts: Parameters<typeof createTestApp>[0] = {}) {
  const t = await createTestApp(opts);
  apps.push(t);
  return t;
}
afterEach(() => {
  for (const t of apps.splice(0)) t.close();
});

const SUCCESS = 'duplicati/01-backup-success-2.1.json';
const runCount = async (t: TestApp) => (await t.db.select({ id: backupRuns.id }).from(backupRuns)).length;
const requests = (t: TestApp) => t.db.select().from(integrationRequests).orderBy(asc(integrationRequests.id));

describe('POST /api/upload authentication', () => {
  it.each([
    ['the path segment', `/api/upload/${UPLOAD_TOKEN}`, {}],
    ['?token=', `/api/upload?token=${UPLOAD_TOKEN}`, {}],
    ['an Authorization Bearer header', '/api/upload', { authorization: `Bearer ${UPLOAD_TOKEN}` }],
  ])('accepts the upload token in %s', async (_how, path, headers) => {
    const t = await start();
    const res = await upload(t.app, fixtureText(SUCCESS), path, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(await runCount(t)).toBe(1);
  });

  it.each([
    ['no token', '/api/upload', /upload token is required/],
    ['a wrong token in the path', '/api/upload/wrong-token-0123456789', /Wrong upload token/],
    ['a wrong ?token=', '/api/upload?token=nope', /Wrong upload token/],
  ])('answers 401 with how to pass the token for %s, and stores nothing', async (_what, path, message) => {
    const t = await start();
    const res = await upload(t.app, fixtureText(SUCCESS), path);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(message);
    expect(body.error).toContain('/api/upload/<token>');
    expect(body.error).toContain('Authorization: Bearer');
    expect(await runCount(t)).toBe(0);
  });

  it('accepts uploads without a token when anonymous upload is allowed and no token is set', async () => {
    const t = await start({ env: { UPLOAD_TOKEN: '', ALLOW_ANONYMOUS_UPLOAD: 'true' } });
    expect((await upload(t.app, fixtureText(SUCCESS), '/api/upload')).status).toBe(200);
  });

  it('accepts a missing token but rejects a wrong one when anonymous upload is allowed beside a token', async () => {
    const t = await start({ env: { ALLOW_ANONYMOUS_UPLOAD: 'true' } });
    expect((await upload(t.app, fixtureText(SUCCESS), '/api/upload')).status).toBe(200);
    expect((await upload(t.app, fixtureText('duplicati/02-backup-warning-2.1.json'), '/api/upload/wrong-token-0123456789')).status).toBe(401);
  });
});

describe('POST /api/upload input errors', () => {
  it.each([['GET'], ['PUT'], ['DELETE']])('answers 405 with Allow: POST to %s', async (method) => {
    const t = await start();
    const res = await t.app.request(`/api/upload/${UPLOAD_TOKEN}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as { error: string }).error).toContain('POST');
  });

  it('answers 413 over MAX_UPLOAD_BYTES and logs the request as Failed without a body', async () => {
    const t = await start({ env: { MAX_UPLOAD_BYTES: '2048' } });
    const res = await upload(t.app, fixtureText(SUCCESS));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining('MAX_UPLOAD_BYTES'), limit: 2048 });
    const [row] = await requests(t);
    expect(row).toMatchObject({ status: 'Failed', responseCode: 413, body: null });
    expect(await runCount(t)).toBe(0);
  });

  it('answers 413 for a body over the limit sent without Content-Length', async () => {
    const t = await start({ env: { MAX_UPLOAD_BYTES: '2048' } });
    const bytes = new TextEncoder().encode(fixtureText(SUCCESS));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const res = await t.app.request(`/api/upload/${UPLOAD_TOKEN}`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it.each([
    ['truncated JSON', '{"Data": {"MainOperation": "Backup"'],
    ['Duplicati\'s default form encoding', 'message=Duplicati+Backup+report&parsedresult=Success'],
    ['plain text', 'Duplicati Backup report for nas-01'],
  ])('answers 400 naming --send-http-result-output-format=Json for %s and keeps the raw body', async (_what, text) => {
    const t = await start();
    const res = await upload(t.app, text);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('--send-http-result-output-format=Json');
    const [row] = await requests(t);
    expect(row).toMatchObject({ status: 'Failed', responseCode: 400 });
    expect(new TextDecoder().decode((await receivedBody(row!))!)).toBe(text);
  });

  it('answers 400 listing every missing field', async () => {
    const t = await start();
    const body = fixture('duplistatus-docs/minimal-accepted-upload.json');
    delete body.Extra['machine-id'];
    delete body.Data.BeginTime;
    const res = await upload(t.app, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ missing: ['Extra.machine-id', 'Data.BeginTime'] });
  });

  it('answers 422 for absurd values and leaves stored runs untouched', async () => {
    const t = await start();
    await upload(t.app, fixtureText(SUCCESS));
    const before = await t.db.select().from(backupRuns);
    const body = fixture(SUCCESS);
    body.Data.BeginTime = '2999-01-01T00:00:00Z';
    const res = await upload(t.app, body);
    expect(res.status).toBe(422);
    expect(await t.db.select().from(backupRuns)).toEqual(before);
  });
});

describe('POST /api/upload storing', () => {
  it('stores a run with its counters and answers a repeat with 409 ignored, duplicated data', async () => {
    const t = await start();
    expect((await upload(t.app, fixtureText(SUCCESS))).status).toBe(200);
    const repeat = await upload(t.app, fixtureText(SUCCESS));
    expect(repeat.status).toBe(409);
    expect(await repeat.json()).toEqual({ error: 'ignored, duplicated data' });
    const runs = await t.db.select().from(backupRuns);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'Success', examinedFiles: 48213, knownFileSize: 41286731904, backupListCount: 14 });
    expect(runs[0]!.availableVersions).toHaveLength(13);
    const [job] = await t.db.select().from(jobs);
    expect(job).toMatchObject({ runCount: 1, lastRunId: runs[0]!.id, lastStatus: 'Success' });
  });

  it('treats the same BeginTime written with another offset as the same run', async () => {
    const t = await start();
    await upload(t.app, fixtureText(SUCCESS));
    const body = fixture(SUCCESS);
    body.Data.BeginTime = '2025-05-02T03:00:00.4387211+01:00';
    expect((await upload(t.app, body)).status).toBe(409);
  });

  it.each([
    ['duplicati/05-compact-2.1.json', 'Compact'],
    ['duplicati/06-restore-2.1.json', 'Restore'],
  ])('answers 200 to %s without storing a run, and counts it', async (name, operation) => {
    const t = await start();
    const res = await upload(t.app, fixtureText(name));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true, stored: false });
    expect(await runCount(t)).toBe(0);
    expect((await t.db.select().from(totals))[0]!.otherOperations).toBe(1);
    expect((await requests(t))[0]).toMatchObject({ status: 'Completed', operation, responseCode: 200 });
  });

  it('logs every upload as an integration request with its gzip body, and no secret in headers or endpoint', async () => {
    const t = await start();
    const text = fixtureText(SUCCESS);
    await upload(t.app, text, `/api/upload/${UPLOAD_TOKEN}`, { headers: { cookie: 'sid=abc', 'x-client': 'duplicati' } });
    await upload(t.app, text, `/api/upload?token=${UPLOAD_TOKEN}`);
    await upload(t.app, '{not json', '/api/upload', { headers: { authorization: `Bearer ${UPLOAD_TOKEN}` } });
    const rows = await requests(t);
    expect(rows.map((r) => [r.status, r.responseCode, r.direction, r.kind])).toEqual([
      ['Completed', 200, 'inbound', 'upload'],
      ['Completed', 409, 'inbound', 'upload'],
      ['Failed', 400, 'inbound', 'upload'],
    ]);
    expect(rows[0]!.reference).toBe(String((await t.db.select().from(backupRuns))[0]!.id));
    expect(rows[0]!.operation).toBe('Backup');
    expect(rows[2]!.error).toContain('not valid JSON');
    expect(new TextDecoder().decode((await receivedBody(rows[0]!))!)).toBe(text);
    expect(rows[0]!.bodyEncoding).toBe('br');
    expect(rows[0]!.body!.byteLength).toBeLessThan(text.length / 3);
    expect(rows[0]!.bodyBytes).toBe(new TextEncoder().encode(text).byteLength);
    expect(rows[0]!.headers).toMatchObject({ 'x-client': 'duplicati', cookie: '[redacted]' });
    expect(rows[2]!.headers.authorization).toBe('[redacted]');
    const stored = JSON.stringify(rows.map(({ body: _body, ...r }) => r));
    expect(stored).not.toContain(UPLOAD_TOKEN);
    expect(rows.map((r) => r.endpoint)).toEqual(['/api/upload/[redacted]', '/api/upload?token=%5Bredacted%5D', '/api/upload']);
  });

  it('replays a failed upload once the cause is fixed, and a second replay stores nothing more', async () => {
    const t = await start();
    // A client whose clock runs three days ahead is rejected until the server's time catches up.
    const body = fixture(SUCCESS);
    body.Data.BeginTime = '2026-01-18T12:00:00Z';
    const res = await upload(t.app, body);
    expect(res.status).toBe(422);
    const [failed] = await requests(t);
    expect(failed).toMatchObject({ status: 'Failed', responseCode: 422 });

    t.clock.advance(3 * 86_400_000);
    const replayed = await replayUpload(t.deps.store, failed!.id, t.clock.now(), t.deps.logger);
    expect(replayed.status).toBe(200);
    expect((await requests(t))[0]).toMatchObject({ status: 'Completed', responseCode: 200, error: null });

    const again = await replayUpload(t.deps.store, failed!.id, t.clock.now(), t.deps.logger);
    expect(again.status).toBe(409);
    expect(await runCount(t)).toBe(1);
    expect((await t.db.select().from(jobs))[0]!.runCount).toBe(1);
  });

  it('replays an upload stored as gzip, before bodies were stored as brotli', async () => {
    const t = await start();
    const text = fixtureText(SUCCESS);
    // The shape of a row written before migration 0006: no body_encoding, so the column's default.
    await t.db.run(sql`INSERT INTO integration_requests (direction, kind, endpoint, method, status, headers, body, body_bytes, created_at, updated_at)
      VALUES ('inbound', 'upload', '/api/upload', 'POST', 'Failed', '{}', ${gzipSync(text)}, ${text.length}, '2026-01-15T00:00:00Z', '2026-01-15T00:00:00Z')`);
    const [row] = await requests(t);
    expect(row!.bodyEncoding).toBe('gzip');
    expect((await replayUpload(t.deps.store, row!.id, t.clock.now(), t.deps.logger)).status).toBe(200);
    expect(await runCount(t)).toBe(1);
  });

  it('stores the run and answers 200 when its monitoring evaluation fails, and logs why', async () => {
    const lines: string[] = [];
    const t = await start({ deps: { logger: createLogger({ write: (line) => lines.push(line) }) } });
    // The evaluation reads monitor settings; without the table it fails after the run is stored.
    await t.db.run(sql`DROP TABLE monitor_settings`);
    const res = await upload(t.app, fixtureText(SUCCESS));
    expect(res.status).toBe(200);
    expect(await runCount(t)).toBe(1);
    const logged = lines.map((l) => JSON.parse(l) as { level: string; msg: string; runId?: number; err?: { message?: string } });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', msg: 'run evaluation failed; the minute scan will evaluate it', runId: expect.any(Number) }));
    expect(logged.find((l) => l.level === 'error')?.err?.message).toMatch(/monitor_settings/);
  });

  it('refuses to replay an id that is not a stored upload', async () => {
    const t = await start();
    await expect(replayUpload(t.deps.store, 999, t.clock.now(), t.deps.logger)).rejects.toMatchObject({ status: 404 });
  });

  it('names the server and job after the report with the latest BeginTime, not the last to arrive', async () => {
    const t = await start();
    const newer = fixture(SUCCESS);
    newer.Extra['machine-name'] = 'nas-renamed';
    newer.Extra['backup-name'] = 'Documents (new)';
    const older = fixture(SUCCESS);
    older.Data.BeginTime = '2025-05-01T02:00:00Z';
    older.Extra['machine-name'] = 'nas-old-name';
    older.Extra['backup-name'] = 'Documents (old)';
    expect((await upload(t.app, newer)).status).toBe(200);
    expect((await upload(t.app, older)).status).toBe(200);
    const [server] = await t.db.select().from(servers);
    const [job] = await t.db.select().from(jobs);
    expect(server!.name).toBe('nas-renamed');
    expect(job!.name).toBe('Documents (new)');
    expect(job!.lastBeginTime).toBe('2025-05-02T02:00:00.438Z');

    const newest = fixture(SUCCESS);
    newest.Data.BeginTime = '2025-05-03T02:00:00Z';
    newest.Extra['machine-name'] = 'nas-newest';
    newest.Extra['backup-name'] = 'Documents (newest)';
    expect((await upload(t.app, newest)).status).toBe(200);
    expect((await t.db.select().from(servers).where(eq(servers.id, newest.Extra['machine-id'])))[0]!.name).toBe('nas-newest');
    expect((await t.db.select().from(jobs))[0]!.name).toBe('Documents (newest)');
  });
});

describe('POST /api/upload under concurrency', () => {
  it('stores exactly one run when 40 identical uploads arrive at once, and answers the rest 409', async () => {
    const t = await start();
    const text = fixtureText(SUCCESS);
    const responses = await Promise.all(Array.from({ length: 40 }, () => upload(t.app, text)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    expect(await runCount(t)).toBe(1);
    expect((await t.db.select().from(totals))[0]!.runs).toBe(1);
    expect((await t.db.select().from(jobs))[0]!.runCount).toBe(1);
  });

  it('stores every distinct report of a concurrent mixed burst exactly once', async () => {
    const t = await start();
    const bodies = Array.from({ length: 30 }, (_, i) => {
      const b = fixture(SUCCESS);
      b.Data.BeginTime = new Date(Date.UTC(2025, 4, 2, 2, i)).toISOString();
      return JSON.stringify(b);
    });
    const responses = await Promise.all([...bodies, ...bodies.slice(0, 10)].map((b) => upload(t.app, b)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(30);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(10);
    expect(await runCount(t)).toBe(30);
  });
});
