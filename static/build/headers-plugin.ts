import type { Plugin } from 'vite';
import { WORKERS_HEADERS_FILE, workersHeadersFile } from '../../src/ui/static-headers';

/** Writes the `_headers` file Workers static assets apply, from the same lists the Node server uses. */
export function headersPlugin(): Plugin {
  return {
    name: 'backwatch-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WORKERS_HEADERS_FILE, source: workersHeadersFile() });
    },
  };
}
