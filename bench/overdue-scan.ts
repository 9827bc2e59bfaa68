/**
 * Overdue scan over a large history: 10,000 jobs on 100 servers with 1,000,000 stored runs, each
 * job monitored with a daily schedule and one webhook channel configured. Times scanMonitors():
 * the steady minute (nothing due), a minute where 100 jobs turn overdue (events and outbox rows
 * written), and one where 1,000 do (a full scan batch).
 *
 *   npx tsx bench/overdue-scan.ts            (builds the database once in $TMPDIR, ~1 min)
 *
 * Exits non-zero when the 100-due scan's median is at or above 250 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { applyMigrations } from '../src/db/migrate';
import { MIGRATIONS_DIR } from '../src/project-root';
import { openNodeDatabase } from '../src/db/node-client';
import { groupCommitWriter } from '../src/db/writer';
import { scanMonitors } from '../src/monitor/overdue-scan';

const JOBS = 10_000;
const RUNS_PER_JOB = Number(process.env.RUNS_PER_JOB ?? 100);
const SERVERS = 100;
const TARGET_MS = 250;

const dir = mkdtempSync(join(tmpdir(), 'backwatch-bench-scan-'));
const { db, client } = await openNodeDatabase(`file:${join(dir, 'bench.db')}`);
await applyMigrations(db, MIGRATIONS_DIR);
const store = { db, writer: groupCommitWriter(db) };

const base = Date.parse('2025-01-01T02:00:00Z');
const day = 86_400_000;
const now = new Date(base + RUNS_PER_JOB * day + 3 * 3600_000); // 03:00 the day after the last run

let t0 = performance.now();
await client.execute(`INSERT INTO servers (id, name, created_at, updated_at)
  WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${SERVERS - 1})
  SELECT 'machine-' || i, 'server-' || i, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM s`);
await client.execute(`INSERT INTO jobs (id, server_id, name, backup_id, created_at)
  WITH RECURSIVE j(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM j WHERE i < ${JOBS})
  SELECT i, 'machine-' || (i % ${SERVERS}), 'job-' || i, 'DB-' || i, '2025-01-01T00:00:00Z' FROM j`);
// Runs day by day (begin_time increasing per job), so the triggers keep jobs.last_run_id as ingest does.
for (let r = 0; r < RUNS_PER_JOB; r++) {
  const begin = new Date(base + r * day).toISOString();
  await client.execute(`INSERT INTO backup_runs (server_id, job_id, backup_name, backup_id, begin_time, status, duration_seconds, bytes_uploaded, created_at)
    WITH RECURSIVE j(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM j WHERE i < ${JOBS})
    SELECT 'machine-' || (i % ${SERVERS}), i, 'job-' || i, 'DB-' || i, '${begin}', 'Success', 600, 1048576, '${begin}' FROM j`);
}
const lastRun = new Date(base + (RUNS_PER_JOB - 1) * day).toISOString();
const due = new Date(base + RUNS_PER_JOB * day).toISOString();
await client.execute(`INSERT INTO monitors (job_id, server_id, state, state_since, last_run_id, last_run_at, last_status, schedule_source, next_due_at, grace_seconds, alert_after, updated_at)
  SELECT id, server_id, 'up', '${lastRun}', last_run_id, last_begin_time, last_status, 'user', '${due}', 7200, '${due}', '${lastRun}' FROM jobs`);
await client.execute(`INSERT INTO monitor_settings (scope, interval, updated_at) VALUES ('global', '1D', '${lastRun}')`);
await client.execute(`INSERT INTO notify_channels (kind, name, enabled, config, created_at, updated_at) VALUES ('webhook', 'bench', 1, '{"url":"http://127.0.0.1:9/"}', '${lastRun}', '${lastRun}')`);
await client.execute('ANALYZE');
const runs = (await client.execute('SELECT count(*) AS n FROM backup_runs')).rows[0]!.n;
console.log(`built ${JOBS} jobs, ${runs} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

/** Puts every monitor back to "up, due yesterday 02:00", then makes `dueCount` of them reach the scan (alert time passed). */
async function arrange(dueCount: number) {
  await client.execute('DELETE FROM outbox');
  await client.execute('DELETE FROM monitor_events');
  const future = new Date(now.getTime() + day).toISOString();
  await client.execute(`UPDATE monitors SET state = 'up', next_due_at = CASE WHEN job_id % ${JOBS / Math.max(dueCount, 1)} = 0 AND ${dueCount} > 0 THEN '${due}' ELSE '${future}' END, alert_after = CASE WHEN job_id % ${JOBS / Math.max(dueCount, 1)} = 0 AND ${dueCount} > 0 THEN '${due}' ELSE '${future}' END`);
}

async function time(label: string, dueCount: number, reps: number, overdue = true) {
  const ms: number[] = [];
  let last: Awaited<ReturnType<typeof scanMonitors>> | undefined;
  for (let i = 0; i < reps; i++) {
    await arrange(dueCount);
    const at = overdue ? new Date(Date.parse(due) + 2 * 3600_000 + 60_000) : now;
    t0 = performance.now();
    last = await scanMonitors(store, at);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  console.log(`${label}: median ${median.toFixed(1)} ms, max ${ms[ms.length - 1]!.toFixed(1)} ms over ${reps} runs; counts ${JSON.stringify(last)}`);
  return median;
}


await time('nothing due (steady minute)', 0, 15, false);
const hundred = await time('100 jobs turn overdue', 100, 9);
await time('1,000 jobs turn overdue (one full batch)', 1000, 5);

client.close();
rmSync(dir, { recursive: true, force: true });
if (hundred >= TARGET_MS) {
  console.error(`100-due scan median ${hundred.toFixed(1)} ms is at or above the ${TARGET_MS} ms target`);
  process.exit(1);
}
