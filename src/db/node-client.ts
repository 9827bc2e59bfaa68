import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Database } from './database';
import * as schema from './schema/index';

/**
 * Connection set-up for a local database file. One pooled connection: the native driver is
 * synchronous, so more connections add no parallelism, and one connection means every PRAGMA
 * below applies to every statement and writers in this process never contend with each other.
 */
async function prepare(client: Client): Promise<void> {
  await client.execute('PRAGMA journal_mode = WAL');
  // NORMAL in WAL mode keeps every committed transaction across a process crash; only an OS
  // crash or power loss can lose the last commits, which is the usual trade for 5-10x the rate.
  await client.execute('PRAGMA synchronous = NORMAL');
  await client.execute('PRAGMA foreign_keys = ON');
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown; rawCode?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * After one SQLITE_BUSY the native connection can be left inside an implicit transaction whose
 * later writes resolve but never commit. Treat BUSY as fatal for the connection: reopen it and
 * re-apply the PRAGMAs, then let the error reach the caller.
 */
function resetOnBusy(client: Client): Client {
  const guarded = new Set(['execute', 'batch', 'executeMultiple', 'migrate']);
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !guarded.has(prop) || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (err) {
          if (isBusy(err)) {
            await target.reconnect();
            await prepare(target);
          }
          throw err;
        }
      };
    },
  });
}

export type NodeDb = { db: Database; client: Client; path: string };

/** Opens (creating the directory if missing) a libSQL database file for the Node entry. */
export async function openNodeDatabase(url: string, busyTimeoutMs = 10_000): Promise<NodeDb> {
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL must be a file: URL for the Node entry (got ${url})`);
  const path = resolve(url.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
  mkdirSync(dirname(path), { recursive: true });
  const raw = createClient({ url: `file:${path}`, timeout: busyTimeoutMs, concurrency: 1, intMode: 'number' });
  await prepare(raw);
  const client = resetOnBusy(raw);
  return { db: drizzle(client, { schema }), client, path };
}
