/**
 * What monitoring and notifications add to each upload, measured in-process so a busy machine
 * affects every variant alike, in interleaved blocks on one database:
 *   store only:         the upload path as it was before monitoring (request stored, parsed, run stored);
 *   + monitoring:       plus the run's evaluation (state, learned schedule) with notifications off;
 *   + notifications:    a webhook channel and every job on "all" events, so every run also
 *                       writes an event and an outbox row in the same batch (the worst case).
 * Delivery is not included: it runs after the answer.
 *
 *   npx tsx bench/ingest-evaluate.ts [blocks=20] [perBlock=100]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations } from '../src/db/migrate';
import { MIGRATIONS_DIR } from '../src/project-root';
import { openNodeDatabase } from '../src/db/node-client';
import { groupCommitWriter } from '../src/db/writer';
import { notifyChannels } from '../src/db/schema/index';
import { recordIntegrationRequest } from '../src/admin/integration-requests';
import { parseReport, type ParsedRun } from '../src/ingest/parse-report';
import { storeRun } from '../src/ingest/store-run';
import { recordRunTransition } from '../src/monitor/evaluate-run';
import { GLOBAL_SCOPE, saveScopeSettings } from '../src/monitor/settings';

const [blocks = 20, perBlock = 100] = process.argv.slice(2).map(Number);
const template = JSON.parse(readFileSync(fileURLToPath(new URL('../tests/fixtures/duplicati/01-backup-success-2.1.json', import.meta.url)), 'utf8'));

const dir = mkdtempSync(join(tmpdir(), 'backwatch-bench-eval-'));
const { db, client } = await openNodeDatabase(`file:${join(dir, 'bench.db')}`);
await applyMigrations(db, MIGRATIONS_DIR);
const store = { db, writer: groupCommitWriter(db) };
const now = new Date();
await db.insert(notifyChannels).values({ kind: 'webhook', name: 'bench', config: { url: 'http://127.0.0.1:9/' }, createdAt: now.toISOString(), updatedAt: now.toISOString() });

let seq = 0;
/** A distinct report: 50 machines × 4 jobs, one run per hour. */
function nextBody(): Uint8Array {
  const i = seq++;
  const begin = new Date(now.getTime() - 30 * 86_400_000 + Math.floor(i / 200) * 3600_000 + (i % 200) * 1000).toISOString();
  const report = { ...template, Extra: { ...template.Extra, 'machine-id': `m-${i % 50}`, 'machine-name': `server-${i % 50}`, 'backup-id': `DB-${i % 4}`, 'backup-name': `job-${i % 4}` }, Data: { ...template.Data, BeginTime: begin, EndTime: begin } };
  return new TextEncoder().encode(JSON.stringify(report));
}

/** The upload path up to the answer: raw request stored, parsed, run stored, and (with) evaluated. */
async function uploadOnce(evaluate: boolean) {
  const bytes = nextBody();
  const requestId = await recordIntegrationRequest(store, { direction: 'inbound', kind: 'upload', endpoint: '/api/upload', method: 'POST', status: 'Queued', headers: {}, body: bytes }, now);
  const report = parseReport(JSON.parse(new TextDecoder().decode(bytes)), now) as { run: ParsedRun };
  const outcome = await storeRun(store, report.run, requestId, now);
  if (evaluate && outcome.stored) await recordRunTransition(store, { ...report.run, id: outcome.runId }, now);
}

async function block(evaluate: boolean, concurrency = 8): Promise<number> {
  const t0 = performance.now();
  let left = perBlock;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) await uploadOnce(evaluate);
  }));
  return (performance.now() - t0) / perBlock;
}

const notifications = (on: boolean) => saveScopeSettings(db, GLOBAL_SCOPE, { events: on ? 'all' : 'off' }, now);
const variants = {
  'store only': () => block(false),
  '+ monitoring': async () => (await notifications(false), block(true)),
  '+ notifications': async () => (await notifications(true), block(true)),
};
const times: Record<string, number[]> = {};
for (const run of Object.values(variants)) await run();
for (let b = 0; b < blocks; b++) {
  for (const [name, run] of Object.entries(variants)) (times[name] ??= []).push(await run());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times['store only']!);
console.log(`per upload, median of ${blocks} blocks of ${perBlock} (8 at a time):`);
for (const [name, xs] of Object.entries(times)) {
  const ms = median(xs);
  console.log(`  ${name.padEnd(16)} ${ms.toFixed(2)} ms  ${(1000 / ms).toFixed(0)} uploads/s  (${((base / ms) * 100).toFixed(0)} % of store only)`);
}
client.close();
rmSync(dir, { recursive: true, force: true });
