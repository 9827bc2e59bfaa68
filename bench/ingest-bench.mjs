// Ingest benchmark (bench/ingest.md): starts Backwatch on a fresh temporary database and drives it
// with the shared load generator ../shared/bench/ingest-load.mjs at n=3000 and concurrency 1, 8
// and 32, each time beside ../shared/bench/echo-server.mjs (a server that only parses the JSON) for
// the ratio, and on the fresh database beside bench/ingest-floor.ts (the same storage with none of
// Backwatch's layers: what the stack allows on this machine); then grows the database to 100k
// stored runs, measures again, and reports RSS and database bytes per 1,000 stored reports. Run it
// with `npm run bench:ingest` (Node 22).
// Options: --n 3000 --concurrency 1,8,32 --fill 100000 (0 skips the growth step) --keep (keep the temp dir)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(ROOT, '../shared/bench');
const LOAD = join(SHARED, 'ingest-load.mjs');
const ECHO = join(SHARED, 'echo-server.mjs');
const TOKEN = 'bench-upload-token-0123456789abcdef';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const N = Number(option('n', '3000'));
const CONCURRENCIES = option('concurrency', '1,8,32').split(',').map(Number);
const FILL = Number(option('fill', '100000'));
const KEEP = process.argv.includes('--keep');

if (!existsSync(LOAD) || !existsSync(ECHO)) {
  console.error(`The shared load generator is expected beside the checkout: ${LOAD}`);
  process.exit(2);
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Spawns a long-running child and resolves once its output contains `ready`. */
async function startChild(command, args, env, ready) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (d) => (output += d);
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise((resolveReady, reject) => {
    const check = () => output.includes(ready) && resolveReady();
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  return {
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function run(command, args, env = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => (code === 0 ? resolveRun(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${out}`))));
  });
}

const tsx = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'backwatch-bench-'));
const dbFile = join(dir, 'bench.db');
const floorDbFile = join(dir, 'floor.db');
const serverEnv = { DATABASE_URL: `file:${dbFile}`, UPLOAD_TOKEN: TOKEN, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };

// The command line of `npm start` after `node` (its flags and the built entry npm run build makes),
// run directly so the measured process and its RSS are the server's own.
const START_ARGS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start.split(/\s+/).slice(1);

async function startBackwatch() {
  const port = await freePort();
  const server = await startChild(process.execPath, START_ARGS, { ...serverEnv, PORT: String(port) }, 'Duplicati options:');
  return { ...server, url: `http://127.0.0.1:${port}` };
}

async function startEcho() {
  const port = await freePort();
  const echo = await startChild(process.execPath, [ECHO, String(port)], {}, 'echo-server on');
  return { ...echo, url: `http://127.0.0.1:${port}` };
}

/** The floor server, with the flags `npm start` gives Backwatch. */
async function startFloor() {
  const port = await freePort();
  const flags = START_ARGS.filter((a) => a.startsWith('--'));
  const floor = await startChild(process.execPath, [...flags, '--import', 'tsx', 'bench/ingest-floor.ts', String(port), floorDbFile, TOKEN], {}, 'ingest-floor on');
  return { ...floor, url: `http://127.0.0.1:${port}` };
}

async function load(url, concurrency, extra = []) {
  const out = await run(process.execPath, [LOAD, '--url', url, '--n', String(N), '--concurrency', String(concurrency), '--json', ...extra]);
  return JSON.parse(out.trim().split('\n').pop());
}

const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
const dbBytes = () => ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(dbFile + suffix) ? statSync(dbFile + suffix).size : 0), 0);

const apiKey = (await run(tsx, ['src/cli/apikey-create.ts', 'bench'], serverEnv)).trim().split('\n').pop();
// The upload token rides in the path, so the one Authorization header can carry the API key that --verify needs.
const uploadArgs = ['--upload-path', `/api/upload/${TOKEN}`, '--dup-fraction', '0.05'];
const serverArgs = [...uploadArgs, '--header', `Authorization: Bearer ${apiKey}`, '--verify'];

/**
 * Echo, the floor (when given) and Backwatch at one concurrency, in the same minute; checks nothing
 * was lost or stored twice.
 */
async function measure(server, echo, floor, concurrency, label) {
  const e = await load(echo.url, concurrency);
  const f = floor ? await load(floor.url, concurrency, uploadArgs) : undefined;
  const before = (await (await fetch(`${server.url}/api/summary`, { headers: { authorization: `Bearer ${apiKey}` } })).json()).totalBackupsRuns;
  const b = await load(server.url, concurrency, serverArgs);
  const storedDelta = b.verify.stored - before;
  return {
    label,
    concurrency,
    reportsPerS: b.acceptedPerS,
    p50: b.latencyMs.p50,
    p99: b.latencyMs.p99,
    echoPerS: e.acceptedPerS,
    ratio: +(b.acceptedPerS / e.acceptedPerS).toFixed(2),
    floorPerS: f?.acceptedPerS ?? null,
    floorP99: f?.latencyMs.p99 ?? null,
    ratioToFloor: f ? +(b.acceptedPerS / f.acceptedPerS).toFixed(2) : null,
    sent: b.sent,
    accepted: b.ok2xx,
    conflicts: b.conflict409,
    dupPairs: b.dupPairs,
    other: { ...b.otherStatus, ...b.networkErrors },
    stored: storedDelta,
    lost: N - storedDelta,
    duplicated: b.ok2xx - N,
  };
}

const rows = [];
const facts = {};
let server = await startBackwatch();
const echo = await startEcho();
const floor = await startFloor();
try {
  for (const c of CONCURRENCIES) rows.push(await measure(server, echo, floor, c, 'fresh database'));
  await floor.stop();
  if (FILL > 0) {
    await server.stop();
    const fill = JSON.parse((await run(tsx, ['bench/fill-runs.ts', dbFile, String(FILL)])).trim().split('\n').pop());
    facts.fill = fill;
    server = await startBackwatch();
    // The same sequence as on the fresh database: the concurrency-1 load also warms the restarted
    // server up (V8 keeps optimising for a few thousand reports), as it did the first time.
    for (const c of CONCURRENCIES) rows.push(await measure(server, echo, undefined, c, `after ${fill.storedNow} stored runs`));
    facts.rssMbAfterFill = rssMb(server.pid);
  }
  await server.stop();
  const stored = Number(
    (await run(process.execPath, ['-e', `const D=require('libsql');const d=new D(${JSON.stringify(dbFile)});d.exec('PRAGMA wal_checkpoint(TRUNCATE)');console.log(d.prepare('SELECT count(*) AS n FROM backup_runs').get().n)`])).trim(),
  );
  facts.storedRuns = stored;
  facts.dbBytes = dbBytes();
  facts.mbPer1000Reports = +((facts.dbBytes / stored) * 1000 / 1e6).toFixed(2);
} finally {
  await server.stop();
  await echo.stop();
  await floor.stop();
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}

console.log(JSON.stringify({ rows, facts }, null, 2));
console.log('\n| database | concurrency | reports/s | p50 ms | p99 ms | echo reports/s | ratio | floor reports/s | ratio to floor | sent | 200 | 409 | lost | duplicated | other |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.label} | ${r.concurrency} | ${r.reportsPerS} | ${r.p50} | ${r.p99} | ${r.echoPerS} | ${r.ratio} | ${r.floorPerS ?? ''} | ${r.ratioToFloor ?? ''} | ${r.sent} | ${r.accepted} | ${r.conflicts} | ${r.lost} | ${r.duplicated} | ${JSON.stringify(r.other)} |`);
}
if (facts.fill) console.log(`\nFilled ${facts.fill.added} runs in ${facts.fill.seconds} s; RSS after ${facts.fill.storedNow} runs: ${facts.rssMbAfterFill} MB.`);
console.log(`Database: ${facts.dbBytes} bytes for ${facts.storedRuns} stored runs = ${facts.mbPer1000Reports} MB per 1,000 reports.${KEEP ? ` Kept in ${dir}.` : ''}`);
