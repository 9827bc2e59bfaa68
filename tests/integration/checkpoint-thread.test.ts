import { copyFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'libsql';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-client';
import { startCheckpointThread } from '../../src/db/checkpoint-thread';
import type { CheckpointResult } from '../../src/db/checkpoint-worker';
import { tempDir } from '../support/temp-dir';

// The server's connection runs without automatic checkpoints; a worker thread copies the log into
// the database file. Real file, real thread (started from the TypeScript source through tsx).

async function setUp(intervalMs: number) {
  const dir = tempDir('backwatch-checkpoint-');
  const path = join(dir, 'wal.db');
  const opened = await openNodeDatabase(`file:${path}`, 1000, { autoCheckpoint: false });
  onTestFinished(() => opened.client.close());
  await opened.client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  const errors: unknown[] = [];
  const thread = startCheckpointThread({ path, intervalMs, busyTimeoutMs: 1000, restartAfterFrames: 2048 }, { error: (...args: unknown[]) => errors.push(args) });
  onTestFinished(() => thread.stop());
  const insert = (rows: number, bytes = 100) =>
    opened.client.batch(Array.from({ length: rows }, () => ({ sql: 'INSERT INTO t (data) VALUES (randomblob(?))', args: [bytes] })), 'write');
  return { path, dir, thread, insert, errors };
}

/** Rows in a copy of the database file alone: what a checkpoint has put there, without the log. */
function rowsInFileAlone(path: string, dir: string): number {
  const copy = join(dir, 'file-only.db');
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  db.close();
  return n;
}

describe('the checkpoint thread', () => {
  it('leaves the log alone until it runs, then copies every frame into the database file', async () => {
    const { path, dir, thread, insert, errors } = await setUp(3_600_000);
    await thread.now();
    await insert(50);
    expect(rowsInFileAlone(path, dir)).toBe(0);

    const result = await thread.now();
    expect(result.walFrames).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.walFrames);
    expect(rowsInFileAlone(path, dir)).toBe(50);
    expect(errors).toEqual([]);
  });

  it('runs on its own every interval and reports each checkpoint that copied frames', async () => {
    const { path, dir, thread, insert } = await setUp(20);
    const reported = once(thread.events, 'checkpoint') as Promise<[CheckpointResult]>;
    await insert(10);
    const [result] = await reported;
    expect(result.checkpointed).toBeGreaterThan(0);
    expect(rowsInFileAlone(path, dir)).toBe(10);
  });

  it('starts the log again once it passed the frames it was given (2,048 here), so it does not grow without end', async () => {
    const { path, thread, insert } = await setUp(3_600_000);
    // ~2,600 pages of 4 kB in one go: past the restart threshold.
    await insert(2600, 4000);
    const big = await thread.now();
    expect(big.walFrames).toBeGreaterThan(2048);
    const walBytes = statSync(`${path}-wal`).size;

    await insert(5);
    const after = await thread.now();
    // The next write began at the start of the log instead of after the frames already copied.
    expect(after.walFrames).toBeLessThan(100);
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(walBytes);
  });
});
