import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomToken } from './secrets';

/** Node only: SECRET_KEY when set, else `backwatch.key` beside the database, generated once (mode 0600). */
export function loadOrCreateKeyFile(configured: string | undefined, databaseDir: string): string {
  if (configured) return configured;
  const path = join(databaseDir, 'backwatch.key');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read the key file ${path}: ${(err as Error).message}`);
  }
  const key = randomToken(32);
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8').trim();
    throw err;
  }
}
