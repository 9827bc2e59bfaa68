import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrate';
import { openWebDatabase } from '../../src/db/web-client';
import { MIGRATIONS_DIR } from '../../src/project-root';
import { startHranaServer } from '../support/hrana-server/server';
import { startHttpCapture, startPushService, startSmtpCapture } from '../support/notify-peers';
import { generateVapidKeys } from '../../src/notify/channels/webpush/vapid';
import TEST_BINDINGS from './test-bindings.json';

const { TURSO_AUTH_TOKEN } = TEST_BINDINGS;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Hrana server migrated with `npm run db:migrate`, as a deploy does. */
    tursoUrl: string;
    /** Hrana server holding only the first migration: the Worker must refuse to serve it. */
    behindTursoUrl: string;
    /** HTTP capture server standing in for webhook receivers. */
    captureUrl: string;
    /** A subscription on the web-push-testing service, with the VAPID keys it was made for (JSON). */
    pushSubscription: string;
    /** Port of an SMTP server that takes AUTH with SMTP_USER / SMTP_PASSWORD. */
    smtpPort: string;
  }
}

/** Runs in Node before workerd starts: the databases the Worker reaches over HTTP. */
export default async function setup(project: TestProject) {
  const current = await startHranaServer({ authToken: TURSO_AUTH_TOKEN });
  await promisify(execFile)('npm', ['run', '--silent', 'db:migrate'], {
    env: { ...process.env, TURSO_DATABASE_URL: current.url, TURSO_AUTH_TOKEN },
  });

  const behind = await startHranaServer({ authToken: TURSO_AUTH_TOKEN });
  const oldMigrations = mkdtempSync(join(tmpdir(), 'backwatch-old-migrations-'));
  cpSync(MIGRATIONS_DIR, oldMigrations, { recursive: true });
  const journalPath = join(oldMigrations, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  await applyMigrations(openWebDatabase(behind.url, TURSO_AUTH_TOKEN), oldMigrations);
  rmSync(oldMigrations, { recursive: true, force: true });

  const capture = await startHttpCapture();
  const push = await startPushService();
  const vapid = await generateVapidKeys();
  const subscription = await push.subscribe(vapid.publicKey);
  const smtp = await startSmtpCapture({ username: TEST_BINDINGS.SMTP_USER, password: TEST_BINDINGS.SMTP_PASSWORD });

  project.provide('tursoUrl', current.url);
  project.provide('captureUrl', capture.url);
  project.provide('pushSubscription', JSON.stringify({ ...subscription, vapid }));
  project.provide('smtpPort', String(smtp.port));
  project.provide('behindTursoUrl', behind.url);
  return async () => {
    await current.close();
    await behind.close();
    await capture.close();
    await push.close();
    await smtp.close();
  };
}
