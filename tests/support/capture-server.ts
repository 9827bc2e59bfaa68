import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CapturedRequest = { method: string; path: string; headers: Record<string, string>; body: string };

/** Where a test in another runtime (workerd) reads what was captured: GET <url>/__captured. */
export const CAPTURED_PATH = '/__captured';
/** Paths under this prefix answer 503 to their first request and 200 after, to exercise retries. */
export const FAIL_FIRST_PREFIX = '/fail-first/';

/**
 * A real HTTP peer that records every request and answers 200 (stands in for webhook receivers
 * and ntfy, which have no server package here). Listens on 127.0.0.1 with an OS-chosen port.
 */
export async function startCaptureServer() {
  const captured: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === CAPTURED_PATH) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(captured));
        return;
      }
      const path = req.url ?? '';
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const failing = path.startsWith(FAIL_FIRST_PREFIX) && !captured.some((r) => r.path === path);
      captured.push({ method: req.method ?? '', path, headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(failing ? 503 : 200, { 'content-type': 'text/plain' });
      res.end(failing ? 'try again later' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    captured,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
