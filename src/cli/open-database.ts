import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { MIGRATIONS_DIR } from '../project-root';
import { applyMigrations } from '../db/migrate';
import { openNodeDatabase } from '../db/node-client';
import { openWebDatabase } from '../db/web-client';

/** The database the CLI commands act on: Turso when TURSO_DATABASE_URL is set, else DATABASE_URL's file. */
export async function openCliDatabase(env: Record<string, string | undefined>): Promise<{ db: Database; close: () => void; where: string }> {
  const config = loadConfig(env);
  if (config.databaseUrl.startsWith('file:')) {
    const { db, client, path } = await openNodeDatabase(config.databaseUrl, config.databaseBusyTimeoutMs);
    // A local file is migrated like the server does at start, so CLI commands work before the first start.
    await applyMigrations(db, MIGRATIONS_DIR);
    return { db, close: () => client.close(), where: path };
  }
  const db = openWebDatabase(config.databaseUrl, config.tursoAuthToken);
  return { db, close: () => {}, where: config.databaseUrl };
}

/** Runs a CLI body and turns any error into a one-line message and exit code 1. */
export function runCli(body: () => Promise<void>) {
  body().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${errorChain(err)}\n`);
      process.exit(1);
    },
  );
}

/** The message with its causes: a failed query's own message hides why it failed (e.g. a wrong Turso token). */
function errorChain(err: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = err; e !== undefined && lines.length < 5; e = e instanceof Error ? e.cause : undefined) {
    lines.push(e instanceof Error ? e.message.trim() : String(e));
  }
  return lines.join('\nCaused by: ');
}
