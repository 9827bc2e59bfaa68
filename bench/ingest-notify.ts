/**
 * Ingest throughput with and without notifications. Starts the real Node server twice on fresh
 * databases and drives each with the shared load generator (../shared/bench/ingest-load.mjs):
 *   off: no channel configured (only the built-in web push, with no device subscribed);
 *   on:  a webhook channel to a local receiver and a global 1D schedule, default events
 *        (warnings and errors): every upload evaluates its job's state, good runs alert nobody;
 *   all: as on, with every job set to "all" events, so every upload also queues an alert in the
 *        outbox and its delivery runs in the background after the answer (the worst case).
 * Each mode runs ROUNDS times, interleaved, and the best reports/s of each is compared.
 *
 *   npx tsx bench/ingest-notify.ts [n=3000] [concurrency=8] [rounds=3]
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { startServer } from '../src/server';
import { silentLogger } from '../src/logger';
import { notifyChannels, outbox } from '../src/db/schema/index';
import { GLOBAL_SCOPE, saveScopeSettings } from '../src/monitor/settings';

type Mode = 'off' | 'on' | 'all';
const [n = '3000', concurrency = '8', rounds = '3'] = process.argv.slice(2);
const LOAD = fileURLToPath(new URL('../../shared/bench/ingest-load.mjs', import.meta.url));
const TOKEN = 'bench-upload-token-0123456789abcdef';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

async function round(mode: Mode) {
  const dir = mkdtempSync(join(tmpdir(), 'backwatch-bench-ingest-'));
  const port = await freePort();
  const server = await startServer(
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'bench.db')}`, UPLOAD_TOKEN: TOKEN, LOG_LEVEL: 'error', ADMIN_PASSWORD: 'bench admin password 42', SECRET_KEY: 'bench-secret-key-0123456789abcdef0123' },
    silentLogger,
  );
  const { db } = server.deps.store;
  if (mode !== 'off') {
    const at = new Date().toISOString();
    await db.insert(notifyChannels).values({ kind: 'webhook', name: 'bench', config: { url: receiverUrl }, createdAt: at, updatedAt: at });
    await saveScopeSettings(db, GLOBAL_SCOPE, { interval: '1D', events: mode === 'all' ? 'all' : null }, new Date());
  }
  const { stdout } = await promisify(execFile)(process.execPath, [LOAD, '--url', `http://127.0.0.1:${port}`, '--n', n, '--concurrency', concurrency, '--header', `Authorization: Bearer ${TOKEN}`, '--json'], { maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, any>;
  // Deliveries run after each answer; wait for them so the next round starts on a quiet machine.
  const delivered = await db.$count(outbox, eq(outbox.status, 'sent'));
  result.queuedAlerts = await db.$count(outbox);
  result.deliveredBeforeStop = delivered;
  await server.stop();
  return { result, dir };
}


const MODES: Mode[] = (process.env.MODES?.split(',') as Mode[] | undefined) ?? ['off', 'on', 'all'];
const best: Record<string, number> = {};
for (let i = 0; i < Number(rounds); i++) {
  for (const mode of MODES) {
    const { result, dir } = await round(mode);
    rmSync(dir, { recursive: true, force: true });
    const rps = Number(result.acceptedPerS);
    best[mode] = Math.max(best[mode] ?? 0, rps);
    console.log(`${mode}: ${result.acceptedPerS} reports/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, 2xx ${result.ok2xx}/${result.sent}, alerts queued ${result.queuedAlerts}, sent ${result.deliveredBeforeStop}`);
  }
}
receiver.close();
console.log(`best reports/s: ${MODES.map((m) => `${m} ${best[m]!.toFixed(0)}${best.off ? ` (${((best[m]! / best.off) * 100).toFixed(0)} % of off)` : ''}`).join(', ')}`);
