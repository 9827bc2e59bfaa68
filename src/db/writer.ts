import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from './database';

export type WriteGroup = readonly [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

/** Runs a group of statements as one atomic write and returns their results in order. */
export interface Writer {
  write(group: WriteGroup): Promise<readonly unknown[]>;
}

/** One batch per call: right for Workers, where each request has its own I/O context. */
export function directWriter(db: Database): Writer {
  return { write: (group) => db.batch(group) };
}

type Pending = { group: WriteGroup; resolve: (r: readonly unknown[]) => void; reject: (e: unknown) => void };

/**
 * Group commit for a single-file database (Node only): the flush waits for the current I/O phase
 * (setImmediate), so uploads whose bodies arrived together share one transaction instead of one
 * commit each. A group that fails is retried alone, so one bad group never fails the others it
 * was batched with.
 */
export function groupCommitWriter(db: Database, maxGroups = 64): Writer {
  let queue: Pending[] = [];
  let flushing = false;

  async function runAlone(p: Pending) {
    try {
      p.resolve(await db.batch(p.group));
    } catch (err) {
      p.reject(err);
    }
  }

  async function flush() {
    flushing = true;
    while (queue.length > 0) {
      const taken = queue.slice(0, maxGroups);
      queue = queue.slice(taken.length);
      if (taken.length === 1) {
        await runAlone(taken[0]!);
        continue;
      }
      const items = taken.flatMap((p) => p.group) as unknown as WriteGroup;
      try {
        const results: readonly unknown[] = await db.batch(items);
        let at = 0;
        for (const p of taken) {
          p.resolve(results.slice(at, at + p.group.length));
          at += p.group.length;
        }
      } catch {
        for (const p of taken) await runAlone(p);
      }
    }
    flushing = false;
  }

  return {
    write(group) {
      return new Promise((resolve, reject) => {
        queue.push({ group, resolve, reject });
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}
