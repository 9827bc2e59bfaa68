import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL into migrations/; `npm run db:migrate` applies it to DATABASE_URL
// (a file: URL) or to Turso when TURSO_DATABASE_URL and TURSO_AUTH_TOKEN are set.
const tursoUrl = process.env.TURSO_DATABASE_URL;

export default defineConfig({
  schema: './src/db/schema/index.ts',
  out: './migrations',
  dialect: tursoUrl ? 'turso' : 'sqlite',
  dbCredentials: tursoUrl
    ? { url: tursoUrl, authToken: process.env.TURSO_AUTH_TOKEN }
    : { url: process.env.DATABASE_URL ?? 'file:./data/backwatch.db' },
});
