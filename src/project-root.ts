import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}: cannot locate migrations/ and dist/public/`);
  }
}

/**
 * The directory holding package.json, migrations/ and dist/public/. Found by walking up rather
 * than by a fixed relative path because the same module runs from src/ (tsx, tests) and bundled
 * into dist/server.js (npm start).
 */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The SQL migrations drizzle-kit generates, applied at start-up and by `npm run db:migrate`. */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');
