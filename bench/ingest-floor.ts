/**
 * The ingest floor of this stack on this machine (bench/ingest.md): a server that keeps the storage
 * contract of POST /api/upload/:token and does nothing else. The body is compressed as Backwatch
 * compresses it and committed as a Queued integration request before it is parsed; the report is
 * parsed by Backwatch's parser; then the server and job are upserted, the run inserted unless its
 * unique key exists, and the request marked, in one transaction. Same migrations, connection
 * settings, group commit by I/O phase and checkpoint thread as the server. Left out: drizzle,
 * middleware, monitoring, logging, error handling beyond the duplicate answer.
 *
 * bench/ingest-bench.mjs runs it beside Backwatch and the echo server: its rate is what Hono and
 * libSQL allow on the machine, and Backwatch's rate over it is what Backwatch's own layers cost.
 *
 *   node --import tsx bench/ingest-floor.ts <port> <database file> <upload token>
 */
import { setImmediate } from 'node:timers';
import { serve } from '@hono/node-server';
import { getTableColumns } from 'drizzle-orm';
import { Hono } from 'hono';
import { integrationRequestRow } from '../src/admin/integration-requests';
import { SERVER_CHECKPOINTS, startCheckpointThread } from '../src/db/checkpoint-thread';
import { applyMigrations } from '../src/db/migrate';
import { openDatabaseFile, openNodeDatabase } from '../src/db/node-client';
import { backupRuns, integrationRequests } from '../src/db/schema/index';
import { decodeReportJson } from '../src/ingest/process-upload';
import { parseReport } from '../src/ingest/parse-report';
import { RUN_COLUMNS } from '../src/ingest/store-run';
import { MIGRATIONS_DIR } from '../src/project-root';

const [port, path, token] = process.argv.slice(2);
if (!port || !path || !token) {
  console.error('usage: node --import tsx bench/ingest-floor.ts <port> <database file> <upload token>');
  process.exit(2);
}

const BUSY_TIMEOUT_MS = 10_000;
const migrated = await openNodeDatabase(`file:${path}`);
await applyMigrations(migrated.db, MIGRATIONS_DIR);
migrated.client.close();
const db = openDatabaseFile(path, BUSY_TIMEOUT_MS, false);
startCheckpointThread({ path, busyTimeoutMs: BUSY_TIMEOUT_MS, ...SERVER_CHECKPOINTS }, console);

type Column = { name: string; mapToDriverValue(value: unknown): unknown };
/** Column names and driver values from the drizzle schema, so the rows are the server's rows. */
function columnsOf(table: Record<string, Column>, keys: readonly string[]) {
  const columns = keys.map((k) => table[k]!);
  return {
    names: columns.map((c) => `"${c.name}"`).join(', '),
    marks: columns.map(() => '?').join(', '),
    values: (row: Record<string, unknown>) => columns.map((c, i) => (row[keys[i]!] == null ? null : c.mapToDriverValue(row[keys[i]!]))),
  };
}

const REQUEST_KEYS = ['direction', 'kind', 'endpoint', 'method', 'status', 'headers', 'body', 'bodyEncoding', 'bodyBytes', 'sourceAddress', 'createdAt', 'updatedAt'];
const request = columnsOf(getTableColumns(integrationRequests) as unknown as Record<string, Column>, REQUEST_KEYS);
const run = columnsOf(getTableColumns(backupRuns) as unknown as Record<string, Column>, RUN_COLUMNS);

const insertRequest = db.prepare(`INSERT INTO integration_requests (${request.names}) VALUES (${request.marks}) RETURNING id`);
const upsertServer = db.prepare(
  `INSERT INTO servers (id, name, last_report_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
   ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_report_at = excluded.last_report_at, updated_at = excluded.updated_at
   WHERE excluded.last_report_at >= servers.last_report_at`,
);
const upsertJob = db.prepare(
  `INSERT INTO jobs (server_id, backup_id, name, created_at) VALUES (?1, ?2, ?3, ?4)
   ON CONFLICT (server_id, backup_id) DO UPDATE SET name = excluded.name WHERE jobs.last_begin_time IS NULL OR ?5 >= jobs.last_begin_time`,
);
const insertRun = db.prepare(
  `INSERT INTO backup_runs (${run.names}, server_id, job_id, integration_request_id, created_at)
   VALUES (${run.marks}, ?, (SELECT id FROM jobs WHERE server_id = ? AND backup_id = ?), ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
);
const markRequest = db.prepare(`UPDATE integration_requests SET status = 'Completed', response_code = ?, reference = ?, updated_at = ? WHERE id = ?`);

/** Writes queued in one I/O phase share one transaction, as the server's group commit does. */
let queue: { write: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
function flush() {
  const taken = queue;
  queue = [];
  db.exec('BEGIN IMMEDIATE');
  for (const w of taken) {
    try {
      w.resolve(w.write());
    } catch (err) {
      w.reject(err);
    }
  }
  db.exec('COMMIT');
}
function write<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    if (queue.length === 0) setImmediate(flush);
    queue.push({ write: work, resolve: resolve as (v: unknown) => void, reject });
  });
}

const app = new Hono().post('/api/upload/:token', async (c) => {
  if (c.req.param('token') !== token) return c.json({ error: 'wrong upload token' }, 401);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const now = new Date();
  const at = now.toISOString();
  const row = integrationRequestRow(
    { direction: 'inbound', kind: 'upload', endpoint: '/api/upload/[redacted]', method: 'POST', status: 'Queued', headers: Object.fromEntries(c.req.raw.headers), body: bytes, sourceAddress: '127.0.0.1' },
    now,
  );
  const requestId = await write(() => (insertRequest.get(request.values(row)) as { id: number }).id);
  const report = parseReport(decodeReportJson(bytes), now);
  if (report.kind !== 'backup') return c.json({ error: 'the floor stores backups only' }, 422);
  const r = report.run;
  const stored = await write(() => {
    upsertServer.run(r.machineId, r.machineName, r.beginTime, at);
    upsertJob.run(r.machineId, r.backupId, r.backupName, at, r.beginTime);
    const inserted = insertRun.get([...run.values(r), r.machineId, r.machineId, r.backupId, requestId, at]) as { id: number } | undefined;
    markRequest.run(inserted ? 200 : 409, inserted ? String(inserted.id) : null, at, requestId);
    return inserted !== undefined;
  });
  return stored ? c.json({ success: true }) : c.json({ error: 'ignored, duplicated data' }, 409);
});

serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => console.log(`ingest-floor on http://127.0.0.1:${port}`));
