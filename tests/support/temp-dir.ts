import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * A fresh directory under the system's temporary one, removed when the current test finishes.
 * A concurrent test passes the `onTestFinished` of its own context: the global one cannot tell
 * which of the tests running together is the current one.
 */
export function tempDir(prefix: string, finished: (cleanup: () => void) => void = onTestFinished): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  finished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
