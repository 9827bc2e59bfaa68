import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { AppDeps } from '../../src/deps';
import { applyMigrations } from '../../src/db/migrate';
import { openNodeDatabase } from '../../src/db/node-client';
import { groupCommitWriter } from '../../src/db/writer';
import { silentLogger } from '../../src/logger';
import { nodeMailTransport } from '../../src/notify/channels/email/transport-node';

import { MIGRATIONS_DIR } from '../../src/project-root';
export const UPLOAD_TOKEN = 'test-upload-token-0123456789';

/** A clock tests move by hand instead of sleeping. */
export function manualClock(start = '2026-01-15T12:00:00.000Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = new Date(iso).getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/**
 * The real app on a real libSQL file in a fresh temp directory. Background tasks are collected so
 * a test can `await settle()` instead of sleeping.
 */
export async function createTestApp(opts: { env?: Record<string, string>; clock?: ReturnType<typeof manualClock>; deps?: Partial<AppDeps> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'backwatch-test-'));
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'test.db')}`, UPLOAD_TOKEN, ...opts.env });
  const { db, client } = await openNodeDatabase(config.databaseUrl);
  await applyMigrations(db, MIGRATIONS_DIR);
  const clock = opts.clock ?? manualClock();
  const pending: Promise<unknown>[] = [];
  const deps: AppDeps = {
    store: { db, writer: groupCommitWriter(db) },
    config,
    logger: silentLogger,
    clock: clock.now,
    secretKey: 'test-secret-key-0123456789abcdef0123456789',
    uploadToken: config.uploadToken ?? null,
    runInBackground: (_c, task) => {
      pending.push(task());
    },
    sendMail: nodeMailTransport,
    clientAddress: () => '127.0.0.1',
    ...opts.deps,
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    db,
    clock,
    dir,
    /** Waits for every background task started so far. */
    settle: async () => {
      while (pending.length) await Promise.all(pending.splice(0));
    },
    close: () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function upload(app: ReturnType<typeof createApp>, body: string | object, path = `/api/upload/${UPLOAD_TOKEN}`, init: RequestInit = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}
