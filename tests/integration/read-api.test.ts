import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApiKey, revokeApiKey } from '../../src/auth/api-keys';
import { errorLog } from '../../src/db/schema/index';
import { createTestApp, upload } from '../support/test-app';
import { fixture, fixtureText } from '../support/fixtures';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let key: string;
beforeEach(async () => {
  t = await createTestApp();
  key = (await createApiKey(t.db, 'tests', t.clock.now())).key;
});
afterEach(() => t.close());

const NAS = '3f9c2a7d8e1b4c6fa0d5e2b7c9184a61';
const WS = 'b71e04c95a2d4f38a8e6d1c0f3927e5b';

async function get(path: string, headers: Record<string, string> = { authorization: `Bearer ${key}` }) {
  const res = await t.app.request(path, { headers });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

async function uploadAll(...names: string[]) {
  for (const name of names) expect((await upload(t.app, fixtureText(name))).status).toBe(200);
}

const BACKUP_FIELDS = [
  'id', 'server_id', 'name', 'date', 'status', 'warnings', 'errors', 'messages', 'fileCount', 'fileSize', 'uploadedSize', 'duration',
  'duration_seconds', 'durationInMinutes', 'knownFileSize', 'backup_list_count', 'messages_array', 'warnings_array', 'errors_array',
  'available_backups',
].sort();
const SERVER_FIELDS = ['id', 'name', 'backup_name', 'backup_id', 'created_at'].sort();

describe('read API access', () => {
  it.each([['/api/summary'], [`/api/lastbackup/${NAS}`], [`/api/lastbackups/${NAS}`]])('answers 401 for %s without an API key, saying how to send one', async (path) => {
    const res = await get(path, {});
    expect(res.status).toBe(401);
    expect(res.body.error).toContain('Authorization: Bearer');
    expect(res.body.error).toContain('?key=');
  });

  it('accepts the key as ?key=', async () => {
    expect((await get(`/api/summary?key=${key}`, {})).status).toBe(200);
  });

  it('rejects an unknown key and a revoked key', async () => {
    expect((await get('/api/summary', { authorization: 'Bearer bw_nope_nope' })).status).toBe(401);
    const revoked = await createApiKey(t.db, 'old widget', t.clock.now());
    expect((await get('/api/summary', { authorization: `Bearer ${revoked.key}` })).status).toBe(200);
    await revokeApiKey(t.db, revoked.id, t.clock.now());
    const res = await get('/api/summary', { authorization: `Bearer ${revoked.key}` });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/revoked/);
  });
});

describe('GET /api/summary', () => {
  it('has exactly the duplistatus fields, with zeros and a null age before any upload', async () => {
    const res = await get('/api/summary');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      totalServers: 0,
      totalBackupsRuns: 0,
      totalBackups: 0,
      totalUploadedSize: 0,
      totalStorageUsed: 0,
      totalBackupSize: 0,
      overdueBackupsCount: 0,
      secondsSinceLastBackup: null,
    });
  });

  it('counts servers, jobs and runs, sums uploads over all runs and sizes over the latest run of each job', async () => {
    await uploadAll(
      'duplicati/01-backup-success-2.1.json',
      'duplicati/02-backup-warning-2.1.json',
      'duplicati/03-backup-error-2.1.json',
      'duplicati/05-compact-2.1.json',
      'duplicati/08-backup-second-machine-windows-2.2.json',
    );
    const res = await get('/api/summary');
    expect(res.body).toEqual({
      totalServers: 2,
      totalBackupsRuns: 4,
      totalBackups: 3,
      totalUploadedSize: 61912973 + 147275366 + 6204537 + 71322504,
      // Latest runs: nas-01 Documents is fixture 03, Photos is 02; the Windows machine is 08.
      totalStorageUsed: 41292936441 + 88120447312 + 128331904771,
      totalBackupSize: 61748541982 + 412877390021 + 184402771093,
      overdueBackupsCount: 0,
      // The manual clock stands at 2026-01-15T12:00:00Z; fixture 08 began at 11:30:00.667.
      secondsSinceLastBackup: 1799,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('GET /api/lastbackup/:server', () => {
  it('returns the server and its newest run in duplistatus field names', async () => {
    await uploadAll('duplicati/01-backup-success-2.1.json', 'duplicati/02-backup-warning-2.1.json');
    const res = await get(`/api/lastbackup/${NAS}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['latest_backup', 'server', 'status']);
    expect(res.body.status).toBe(200);
    expect(Object.keys(res.body.server).sort()).toEqual(SERVER_FIELDS);
    expect(res.body.server).toMatchObject({ id: NAS, name: 'nas-01', backup_name: 'Photos', backup_id: 'DB-2' });
    const backup = res.body.latest_backup;
    expect(Object.keys(backup).sort()).toEqual(BACKUP_FIELDS);
    expect(backup).toMatchObject({
      server_id: NAS,
      name: 'Photos',
      date: '2025-05-02T03:00:00.221Z',
      status: 'Warning',
      warnings: 2,
      errors: 0,
      messages: 24,
      fileCount: 96402,
      fileSize: 412877390021,
      uploadedSize: 147275366,
      duration: '00:06:42',
      knownFileSize: 88120447312,
      backup_list_count: 31,
      available_backups: [],
    });
    expect(typeof backup.id).toBe('string');
    expect(backup.duration_seconds).toBeCloseTo(401.6610677, 6);
    expect(backup.durationInMinutes).toBeCloseTo(401.6610677 / 60, 6);
    expect(JSON.parse(backup.warnings_array)).toHaveLength(2);
    expect(JSON.parse(backup.errors_array)).toEqual([]);
    expect(JSON.parse(backup.messages_array)).toHaveLength(2);
  });

  it('lists the available versions of fixture 01 as an array', async () => {
    await uploadAll('duplicati/01-backup-success-2.1.json');
    const res = await get(`/api/lastbackup/${NAS}`);
    expect(res.body.latest_backup.available_backups).toHaveLength(13);
    expect(res.body.latest_backup.duration).toBe('00:03:17');
  });

  it('finds a server by name when no id matches', async () => {
    await uploadAll('duplicati/08-backup-second-machine-windows-2.2.json');
    const res = await get('/api/lastbackup/WS-OFFICE-07');
    expect(res.status).toBe(200);
    expect(res.body.server.id).toBe(WS);
    expect(res.body.latest_backup.name).toBe('Büro-Dokumente');
  });

  it('prefers an id over a name that happens to equal it', async () => {
    const named = fixture('duplicati/08-backup-second-machine-windows-2.2.json');
    named.Extra['machine-name'] = NAS;
    await upload(t.app, named);
    await uploadAll('duplicati/01-backup-success-2.1.json');
    expect((await get(`/api/lastbackup/${NAS}`)).body.server.name).toBe('nas-01');
  });

  it('answers 404 for an unknown server', async () => {
    const res = await get('/api/lastbackup/no-such-server');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'Server not found', status: 404 });
  });

  it('answers 400 with duplicate_servers when several servers share the name', async () => {
    await uploadAll('duplicati/01-backup-success-2.1.json');
    const twin = fixture('duplicati/08-backup-second-machine-windows-2.2.json');
    twin.Extra['machine-name'] = 'nas-01';
    await upload(t.app, twin);
    const res = await get('/api/lastbackup/nas-01');
    expect(res.status).toBe(400);
    expect(res.body.status).toBe(400);
    expect(res.body.duplicate_servers).toEqual(
      expect.arrayContaining([
        { id: NAS, name: 'nas-01' },
        { id: WS, name: 'nas-01' },
      ]),
    );
    expect(res.body.message).toContain(NAS);
  });
});

describe('GET /api/lastbackups/:server', () => {
  it('returns the newest run of every job of the server', async () => {
    await uploadAll('duplicati/01-backup-success-2.1.json', 'duplicati/03-backup-error-2.1.json', 'duplicati/02-backup-warning-2.1.json');
    const res = await get(`/api/lastbackups/${NAS}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['backup_jobs_count', 'backup_names', 'latest_backups', 'server', 'status']);
    expect(Object.keys(res.body.server).sort()).toEqual(SERVER_FIELDS);
    expect(res.body).toMatchObject({ status: 200, backup_jobs_count: 2, backup_names: ['Documents', 'Photos'] });
    expect(res.body.latest_backups).toHaveLength(2);
    for (const b of res.body.latest_backups) expect(Object.keys(b).sort()).toEqual(BACKUP_FIELDS);
    expect(res.body.latest_backups.map((b: any) => [b.name, b.status, b.date])).toEqual([
      ['Documents', 'Error', '2025-05-03T02:00:00.512Z'],
      ['Photos', 'Warning', '2025-05-02T03:00:00.221Z'],
    ]);
  });

  it('answers 404 for an unknown server', async () => {
    expect((await get('/api/lastbackups/unknown')).status).toBe(404);
  });
});

describe('GET /api/health', () => {
  it('answers 200 healthy without an API key and without internals', async () => {
    const res = await get('/api/health', {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'healthy', database: 'connected', time: '2026-01-15T12:00:00.000Z' });
    expect(JSON.stringify(res.body)).not.toMatch(/\.db|\/tmp|version|stack/i);
  });

  it('answers HEAD as duplistatus clients send it first', async () => {
    const res = await t.app.request('/api/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
  });

  it('answers /api/ping with ok', async () => {
    expect((await get('/api/ping', {})).body).toEqual({ ok: true });
  });

  it('answers 503 without the cause when the database is not usable', async () => {
    // drizzle keeps the client it was built on; closing it stands in for a database that went away.
    (t.db as unknown as { $client: { close(): void } }).$client.close();
    const res = await get('/api/health', {});
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unhealthy', database: 'unavailable' });
  });
});

describe('unhandled errors', () => {
  it('records the error with method, path and stack in the Error Log and answers 500 JSON', async () => {
    await t.db.run(sql`ALTER TABLE totals RENAME TO totals_elsewhere`);
    const res = await get('/api/summary');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.error).toContain('Error Log');
    expect(JSON.stringify(res.body)).not.toContain('totals');
    const rows = await t.db.select().from(errorLog);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.errorId, method: 'GET', path: '/api/summary', createdAt: '2026-01-15T12:00:00.000Z' });
    expect(rows[0]!.message).toContain('totals');
    expect(rows[0]!.stack).toBeTruthy();
  });

  it('answers an upload that hits a storage failure with 500, keeps the raw body and logs the error', async () => {
    await t.db.run(sql`ALTER TABLE backup_runs RENAME TO backup_runs_elsewhere`);
    const res = await upload(t.app, fixtureText('duplicati/01-backup-success-2.1.json'));
    expect(res.status).toBe(500);
    const [request] = await t.db.all<{ status: string; body: unknown }>(sql`SELECT status, body FROM integration_requests`);
    expect(request!.status).toBe('Failed');
    expect(request!.body).toBeTruthy();
    expect(await t.db.select().from(errorLog)).toHaveLength(1);
  });
});
