import { migrate } from 'drizzle-orm/libsql/migrator';
import { sql } from 'drizzle-orm';
import type { Database } from './database';
import journal from '../../migrations/meta/_journal.json';

/** Applies every SQL migration in migrations/ (Node start-up and the `db:migrate` command). */
export async function applyMigrations(db: Database, migrationsFolder: string): Promise<void> {
  await migrate(db, { migrationsFolder });
}

/** The number of migrations this build expects; the Worker refuses to serve when the database has fewer. */
export const expectedMigrations = journal.entries.length;

/** How many migrations the database has applied (0 when it was never migrated). */
export async function appliedMigrations(db: Database): Promise<number> {
  try {
    const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`);
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}
