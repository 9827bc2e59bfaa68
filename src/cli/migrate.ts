import { MIGRATIONS_DIR } from '../project-root';
import { applyMigrations, appliedMigrations } from '../db/migrate';
import { openCliDatabase, runCli } from './open-database';

// npm run db:migrate: applies migrations/ to DATABASE_URL, or to Turso with TURSO_DATABASE_URL + TURSO_AUTH_TOKEN.
runCli(async () => {
  const { db, close, where } = await openCliDatabase(process.env);
  try {
    await applyMigrations(db, MIGRATIONS_DIR);
    process.stdout.write(`Database ${where} is at migration ${await appliedMigrations(db)}.\n`);
  } finally {
    close();
  }
});
