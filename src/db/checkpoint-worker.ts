import { parentPort, workerData } from 'node:worker_threads';
import NativeDatabase from 'libsql';

// The checkpoint thread's entry (see checkpoint-thread.ts).
export type CheckpointSettings = { path: string; intervalMs: number; busyTimeoutMs: number; restartAfterFrames: number };
export type CheckpointResult = { busy: boolean; walFrames: number; checkpointed: number };
export type CheckpointMessage = { type: 'checkpoint'; result: CheckpointResult; requested: boolean } | { type: 'failed'; message: string; requested: boolean };

const { path, intervalMs, busyTimeoutMs, restartAfterFrames } = workerData as CheckpointSettings;
const db = new NativeDatabase(path);
db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
type Row = { busy: number; log: number; checkpointed: number };

function run(requested: boolean) {
  try {
    let row = passive.get() as Row;
    // Under a steady stream of writes a passive checkpoint never catches up with the end of the log,
    // so the log is never started again and grows without end. Past `restartAfterFrames` a RESTART
    // follows the passive pass: it holds writers back until the frames written since are copied.
    if (row.log > restartAfterFrames) row = restart.get() as Row;
    // An empty log means nothing was written since the last checkpoint: no need to wake the server.
    if (!requested && row.log === 0) return;
    parentPort!.postMessage({ type: 'checkpoint', requested, result: { busy: row.busy === 1, walFrames: row.log, checkpointed: row.checkpointed } } satisfies CheckpointMessage);
  } catch (err) {
    parentPort!.postMessage({ type: 'failed', requested, message: err instanceof Error ? err.message : String(err) } satisfies CheckpointMessage);
  }
}

const timer = setInterval(() => run(false), intervalMs);
parentPort!.on('message', (msg: 'now' | 'stop') => {
  if (msg === 'now') return run(true);
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
