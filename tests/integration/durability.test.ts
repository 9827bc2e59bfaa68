import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { fixture } from '../support/fixtures';
import { runTsx, startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * PLATFORM.md "Silent write loss": after one SQLITE_BUSY, a @libsql/client connection can go on
 * answering writes that are never committed. This drives the Node entry as a process with
 * hundreds of concurrent uploads (some sent twice at once) while other processes and a raw libSQL
 * connection write to the same file, forces writes past the busy timeout so SQLITE_BUSY really
 * happens, then restarts the server: every upload answered 200 must be stored exactly once.
 */

const TOKEN = 'durability-upload-token-0123456789';
const BUSY_TIMEOUT_MS = 300;
const DISTINCT = 360;

type Report = { key: string; body: string };
type Outcome = { report: Report; status: number; sentAfterRelease: boolean };

function makeReports(): Report[] {
  const template = fixture('duplicati/01-backup-success-2.1.json');
  return Array.from({ length: DISTINCT }, (_, i) => {
    const r = structuredClone(template);
    r.Extra['machine-id'] = `durability-m${i % 6}`;
    r.Extra['machine-name'] = `host-${i % 6}`;
    r.Extra['backup-name'] = `job-${i % 3}`;
    r.Extra['backup-id'] = `DB-${i % 3}`;
    const begin = new Date(Date.UTC(2025, 5, 1) + i * 60_000).toISOString();
    r.Data.BeginTime = begin;
    return { key: `${r.Extra['machine-id']}|${r.Extra['backup-name']}|${begin}`, body: JSON.stringify(r) };
  });
}

/** A network error (the server died or dropped the connection) counts as status 0: never a success. */
async function post(server: ServerProcess, report: Report): Promise<Outcome> {
  const sentAfterRelease = lockReleased;
  try {
    const res = await fetch(`${server.url}/api/upload/${TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: report.body });
    await res.arrayBuffer();
    return { report, status: res.status, sentAfterRelease };
  } catch {
    return { report, status: 0, sentAfterRelease };
  }
}

/** Sends the reports with `concurrency` in flight; every third one is also sent a second time at the same moment. */
async function load(server: ServerProcess, reports: Report[], concurrency: number, onOutcome: (o: Outcome) => void = () => {}) {
  const outcomes: Outcome[] = [];
  let next = 0;
  async function worker() {
    while (next < reports.length) {
      const i = next++;
      const sends = i % 3 === 0 ? [post(server, reports[i]!), post(server, reports[i]!)] : [post(server, reports[i]!)];
      for (const o of await Promise.all(sends)) {
        outcomes.push(o);
        onOutcome(o);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

/**
 * Short write transactions from a second connection until stopped: each holds the write lock for a
 * few milliseconds, with gaps between them, as a CLI command or a second tool would.
 */
function briefWriter(path: string) {
  const db = new Database(path, { timeout: 5_000 });
  let running = true;
  let writes = 0;
  const done = (async () => {
    while (running) {
      db.exec('BEGIN IMMEDIATE');
      db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run('durability_probe', String(writes), new Date().toISOString());
      await new Promise((r) => setTimeout(r, 5));
      db.exec('COMMIT');
      writes++;
      await new Promise((r) => setTimeout(r, 25));
    }
    db.close();
  })();
  return { stop: async () => ((running = false), await done, writes) };
}

/** Whether the long write lock of step 2 was let go when a request was sent. */
let lockReleased = false;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('durability of answered uploads', () => {
  // Three server starts, two CLI processes and ~500 uploads: generous on a busy 2-core machine.
  it('keeps every upload answered 200 exactly once across contention, SQLITE_BUSY and a restart', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backwatch-durability-'));
    dirs.push(dir);
    const file = join(dir, 'backwatch.db');
    const env = { DATABASE_URL: `file:${file}`, UPLOAD_TOKEN: TOKEN };
    const reports = makeReports();
    const [phase1, phase2, phase3] = [reports.slice(0, 150), reports.slice(150, 230), reports.slice(230)];
    let server = await startServerProcess(env);
    // Whatever server is current when the test ends (also on a failed assertion) is stopped.
    onTestFinished(async () => {
      await server.stop();
    });

    // 1. Brief contention (CLI processes and a second connection) is absorbed by the default busy timeout: no upload fails.
    const writer = briefWriter(file);
    const [first, cliA, cliB] = await Promise.all([
      load(server, phase1, 16),
      runTsx('src/cli/apikey-create.ts', ['durability reader'], { DATABASE_URL: env.DATABASE_URL }),
      runTsx('src/cli/apikey-create.ts', ['durability second'], { DATABASE_URL: env.DATABASE_URL }),
    ]);
    const probeWrites = await writer.stop();
    expect(probeWrites).toBeGreaterThan(0);
    expect([cliA.code, cliB.code]).toEqual([0, 0]);
    expect(first.filter((o) => o.status !== 200 && o.status !== 409).map((o) => o.status), server.output().slice(-3000)).toEqual([]);

    // 2. Restarted with a short busy timeout, a lock held past it: the server's writes fail with
    //    SQLITE_BUSY (answered 5xx), and the lock is released as soon as the first such answer arrives.
    await server.stop();
    server = await startServerProcess({ ...env, DATABASE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) });
    const holder = new Database(file, { timeout: 5_000 });
    holder.exec('BEGIN IMMEDIATE');
    holder.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('durability_lock', '1', 'now')").run();
    const release = () => {
      if (lockReleased) return;
      lockReleased = true;
      holder.exec('COMMIT');
      holder.close();
    };
    const second = await load(server, phase2, 16, (o) => {
      if (o.status >= 500) release();
    });
    release();
    expect(second.filter((o) => o.status >= 500).length).toBeGreaterThan(0);
    // Once the other writer lets go, the server's connection must work again at once: a connection
    // left poisoned by the SQLITE_BUSY fails (or silently drops) what comes next.
    const afterRelease = second.filter((o) => o.sentAfterRelease);
    expect(afterRelease.length).toBeGreaterThan(0);
    expect(afterRelease.filter((o) => o.status !== 200 && o.status !== 409).map((o) => o.status), server.output().slice(-3000)).toEqual([]);

    // 3. Uploads after the SQLITE_BUSY: these are the ones a poisoned connection would silently drop.
    const third = await load(server, phase3, 16);
    expect(third.filter((o) => o.status !== 200 && o.status !== 409)).toEqual([]);

    await server.stop();
    server = await startServerProcess(env);
    const apiKey = cliA.stdout.trim().split('\n').pop()!;
    const summary = (await (await fetch(`${server.url}/api/summary`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { totalBackupsRuns: number };
    await server.stop();

    const outcomes = [...first, ...second, ...third];
    const ok = outcomes.filter((o) => o.status === 200);
    const okKeys = ok.map((o) => o.report.key);
    expect(new Set(okKeys).size).toBe(okKeys.length);

    const db = new Database(file, { readonly: true });
    const stored = db.prepare('SELECT server_id, backup_name, begin_time FROM backup_runs').all() as { server_id: string; backup_name: string; begin_time: string }[];
    db.close();
    const storedKeys = stored.map((r) => `${r.server_id}|${r.backup_name}|${r.begin_time}`);
    expect(new Set(storedKeys).size).toBe(storedKeys.length);
    const storedSet = new Set(storedKeys);
    expect(okKeys.filter((k) => !storedSet.has(k))).toEqual([]);
    const conflicted = outcomes.filter((o) => o.status === 409).map((o) => o.report.key);
    expect(conflicted.filter((k) => !storedSet.has(k))).toEqual([]);
    expect(stored.length).toBe(ok.length);
    expect(summary.totalBackupsRuns).toBe(ok.length);
    expect(outcomes.length).toBeGreaterThan(DISTINCT);
  });
});
