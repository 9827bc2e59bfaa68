import { EventEmitter, once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import type { CheckpointMessage, CheckpointResult, CheckpointSettings } from './checkpoint-worker';

// Built, the entry sits beside the server bundle (dist/checkpoint-worker.js); from source it is the
// TypeScript file beside this one, loaded through tsx.
const SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(SOURCE ? './checkpoint-worker.ts' : './checkpoint-worker.js', import.meta.url);

/**
 * The server's schedule. Often enough that a passive pass has little to copy; a RESTART, which holds
 * writers back (for 5-30 ms under load), only once the log passes 64 MB: at 2,048 frames it came 3
 * times a second under a steady stream of uploads (bench/RESULTS.md).
 */
export const SERVER_CHECKPOINTS = { intervalMs: 250, restartAfterFrames: 16_384 } as const satisfies Partial<CheckpointSettings>;

export type CheckpointThread = {
  /** Emits 'checkpoint' with a CheckpointResult after each checkpoint that had frames to copy. */
  events: EventEmitter<{ checkpoint: [CheckpointResult] }>;
  /** Checkpoints now and resolves with the result. */
  now(): Promise<CheckpointResult>;
  stop(): Promise<void>;
};

/**
 * Copies the write-ahead log into the database file from a worker thread, on its own connection,
 * every `intervalMs`. The server's connection runs with automatic checkpoints off (node-client.ts):
 * otherwise every ~1,000 pages one upload paid for copying them and for two fsyncs on the event
 * loop, and a page written by many uploads in between is now copied once (bench/RESULTS.md).
 * PASSIVE never blocks a writer; the RESTART that follows a long burst does (checkpoint-worker.ts).
 */
export function startCheckpointThread(settings: CheckpointSettings, logger: Pick<Logger, 'error'>): CheckpointThread {
  const events = new EventEmitter<{ checkpoint: [CheckpointResult] }>();
  const waiting: { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }[] = [];
  let stopping = false;
  // Built, the thread inherits Node's options (V8 flags such as --max-old-space-size are not
  // allowed in an explicit list); from source it only needs tsx.
  const worker = new Worker(ENTRY, { workerData: settings, execArgv: SOURCE ? ['--import', 'tsx'] : undefined });
  // The server's own handles keep the process alive; this thread must not.
  worker.unref();
  worker.on('message', (msg: CheckpointMessage) => {
    const requested = msg.requested ? waiting.shift() : undefined;
    if (msg.type === 'failed') {
      logger.error('WAL checkpoint failed', { database: settings.path, error: msg.message });
      requested?.reject(new Error(`WAL checkpoint failed: ${msg.message}`));
      return;
    }
    requested?.resolve(msg.result);
    events.emit('checkpoint', msg.result);
  });
  worker.on('error', (err) => logger.error('WAL checkpoint thread failed', { database: settings.path, err }));
  worker.on('exit', (code) => {
    if (stopping) return;
    for (const p of waiting.splice(0)) p.reject(new Error(`The WAL checkpoint thread exited (code ${code})`));
    // Nothing copies the log into the file any more: say so loudly, the next start-up recovers it.
    logger.error('WAL checkpoint thread exited; the log grows until Backwatch restarts', { database: settings.path, code });
  });

  return {
    events,
    now() {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage('now');
      });
    },
    async stop() {
      stopping = true;
      const exited = once(worker, 'exit');
      worker.postMessage('stop');
      await exited;
    },
  };
}
