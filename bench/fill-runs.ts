// Grows a database to a given number of stored runs through the same code an upload takes after
// the HTTP layer (integration request first, then parse, store and monitoring), without HTTP, so
// the ingest benchmark can measure a database of 100k runs in minutes.
// Usage: tsx bench/fill-runs.ts <database file> <target runs> [machines=50] [jobs=4]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { recordIntegrationRequest } from '../src/admin/integration-requests';
import { applyMigrations } from '../src/db/migrate';
import { MIGRATIONS_DIR } from '../src/project-root';
import { openNodeDatabase } from '../src/db/node-client';
import { groupCommitWriter } from '../src/db/writer';
import { processUpload } from '../src/ingest/process-upload';

const [file, targetArg, machinesArg = '50', jobsArg = '4'] = process.argv.slice(2);
if (!file || !targetArg) {
  process.stderr.write('usage: tsx bench/fill-runs.ts <database file> <target runs> [machines] [jobs]\n');
  process.exit(2);
}
const target = Number(targetArg);
const machines = Number(machinesArg);
const jobs = Number(jobsArg);
const CONCURRENCY = 8;

const template = JSON.parse(readFileSync(fileURLToPath(new URL('../tests/fixtures/duplicati/01-backup-success-2.1.json', import.meta.url)), 'utf8'));
const { db, client } = await openNodeDatabase(`file:${file}`);
await applyMigrations(db, MIGRATIONS_DIR);
const store = { db, writer: groupCommitWriter(db) };
const countRuns = async () => Number((await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM backup_runs`))[0]!.n);

const start = await countRuns();
const perRound = machines * jobs;
// One run per job per hour, ending now: a year of hourly runs is ~8,800 per job.
const firstBegin = Date.now() - Math.ceil((target - start) / perRound + 1) * 3_600_000;
const encoder = new TextEncoder();
function report(i: number): Uint8Array {
  const m = i % machines;
  const j = Math.floor(i / machines) % jobs;
  const r = structuredClone(template);
  Object.assign(r.Extra, { 'machine-id': `fill-m${m}`, 'machine-name': `fill-host-${m}`, 'backup-name': `job-${j}`, 'backup-id': `DB-${j}` });
  r.Data.BeginTime = new Date(firstBegin + Math.floor(i / perRound) * 3_600_000 + m * 1000 + j).toISOString();
  return encoder.encode(JSON.stringify(r));
}

let next = 0;
let stored = 0;
const t0 = performance.now();
async function worker() {
  while (start + next < target) {
    const bytes = report(next++);
    const now = new Date();
    const id = await recordIntegrationRequest(
      store,
      { direction: 'inbound', kind: 'upload', endpoint: '/api/upload/[redacted]', method: 'POST', status: 'Queued', headers: { 'content-type': 'application/json' }, body: bytes },
      now,
    );
    const result = await processUpload(store, id, bytes, now, console);
    if (result.status !== 200) throw new Error(`report ${next} was not stored: ${JSON.stringify(result.body)}`);
    stored++;
    if (stored % 10_000 === 0) process.stderr.write(`filled ${start + stored} runs (${Math.round(stored / ((performance.now() - t0) / 1000))}/s)\n`);
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const total = await countRuns();
client.close();
process.stdout.write(`${JSON.stringify({ storedBefore: start, storedNow: total, added: stored, seconds: +((performance.now() - t0) / 1000).toFixed(1) })}\n`);
