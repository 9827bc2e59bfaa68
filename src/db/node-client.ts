import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import NativeDatabase from 'libsql';
import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Database } from './database';
import * as schema from './schema/index';
import { NativeFileClient } from './native-client';

/**
 * Connection set-up for a local database file. One connection does all the reading and writing: the
 * native driver is synchronous, so more connections add no parallelism, and one connection means
 * every PRAGMA below applies to every statement and writers in this process never contend with each
 * other. The server's only other connection, on the checkpoint thread, writes nothing.
 */
export function openDatabaseFile(path: string, busyTimeoutMs: number, autoCheckpoint: boolean): NativeDatabase.Database {
  const db = new NativeDatabase(path);
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.exec('PRAGMA journal_mode = WAL');
  // NORMAL in WAL mode keeps every committed transaction across a process crash; only an OS
  // crash or power loss can lose the last commits, which is the usual trade for 5-10x the rate.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  // Without automatic checkpoints another connection copies the log into the file
  // (checkpoint-thread.ts); the log is cut back to this size once it has been copied.
  if (!autoCheckpoint) db.exec(`PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT}`);
  return db;
}

const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

export type NodeDb = { db: Database; client: Client; path: string };

/**
 * Opens (creating the directory if missing) a libSQL database file for the Node entry. The server
 * turns `autoCheckpoint` off and checkpoints from a thread instead; commands keep SQLite's default.
 */
export async function openNodeDatabase(url: string, busyTimeoutMs = 10_000, { autoCheckpoint = true } = {}): Promise<NodeDb> {
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL must be a file: URL for the Node entry (got ${url})`);
  const path = resolve(url.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
  mkdirSync(dirname(path), { recursive: true });
  const client = new NativeFileClient(() => openDatabaseFile(path, busyTimeoutMs, autoCheckpoint));
  return { db: drizzle(client, { schema }), client, path };
}
