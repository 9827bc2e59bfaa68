import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { pipelineRequestSchema, StreamError, type StreamResult } from './protocol';
import { HranaStream, toProtoError } from './stream';

export type HranaServerOptions = {
  /** Database file; a fresh one in a temp directory (removed on close) when not given. */
  path?: string;
  /** When set, every request must carry `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** Streams idle longer than this are closed (rolled back), as sqld does after 10 s. */
  idleMs?: number;
  /** Time source for idle expiry, so tests can move it instead of waiting. */
  now?: () => number;
};

export type HranaServer = {
  /** Base URL for `createClient({ url })`, e.g. http://127.0.0.1:PORT */
  url: string;
  path: string;
  /** Streams currently open (for tests that check the client closes what it opens). */
  openStreams: () => number;
  /** How many stream requests of each type were received, e.g. { execute: 3, close: 3 }. */
  requestsSeen: () => Record<string, number>;
  close: () => Promise<void>;
};

const MAX_BODY = 16 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Reads to the end even past the limit, so the client always gets the answer instead of a reset.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY) throw new StreamError(`Request body is larger than ${MAX_BODY} bytes`, 'REQUEST_TOO_LARGE');
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A Hrana v2 JSON-over-HTTP server (what Turso and sqld answer at /v2/pipeline) on the real libSQL
 * engine from the npm `libsql` package. Test support only: it lets `@libsql/client/web` run for
 * real against a libSQL database, from Node and from inside workerd. See README.md beside it.
 */
export async function startHranaServer(opts: HranaServerOptions = {}): Promise<HranaServer> {
  const ownDir = opts.path ? null : mkdtempSync(join(tmpdir(), 'backwatch-hrana-'));
  const path = opts.path ?? join(ownDir!, 'turso.db');
  const idleMs = opts.idleMs ?? 10_000;
  const now = opts.now ?? Date.now;

  // WAL is stored in the file: readers on one stream never wait for a writer on another.
  const setup = new Database(path);
  setup.exec('PRAGMA journal_mode = WAL');
  setup.close();

  const streams = new Map<string, { stream: HranaStream; lastUsed: number }>();
  const seen: Record<string, number> = {};

  function expireIdle() {
    for (const [baton, entry] of streams) {
      if (now() - entry.lastUsed > idleMs) {
        entry.stream.close();
        streams.delete(baton);
      }
    }
  }

  function pipeline(body: unknown): { status: number; body: unknown } {
    const parsed = pipelineRequestSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { message: `Invalid pipeline request: ${parsed.error.message}`, code: 'PROTOCOL_ERROR' } };
    const { baton, requests } = parsed.data;
    let stream: HranaStream;
    if (baton != null) {
      const entry = streams.get(baton);
      if (!entry) return { status: 400, body: { message: 'The stream has expired or the baton is invalid', code: 'STREAM_EXPIRED' } };
      streams.delete(baton);
      stream = entry.stream;
    } else {
      stream = new HranaStream(path);
    }
    let closed = false;
    const results: StreamResult[] = requests.map((request) => {
      seen[request.type] = (seen[request.type] ?? 0) + 1;
      if (closed) return { type: 'error', error: { message: 'The stream was closed by an earlier request', code: 'STREAM_CLOSED' } };
      try {
        const response = stream.handle(request);
        if (request.type === 'close') closed = true;
        return { type: 'ok', response };
      } catch (err) {
        return { type: 'error', error: toProtoError(err) };
      }
    });
    if (closed) {
      stream.close();
      return { status: 200, body: { baton: null, base_url: null, results } };
    }
    const next = randomBytes(18).toString('base64url');
    streams.set(next, { stream, lastUsed: now() });
    return { status: 200, body: { baton: next, base_url: null, results } };
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (opts.authToken !== undefined && req.headers.authorization !== `Bearer ${opts.authToken}`) {
        return send(res, 401, { message: 'Authentication failed: missing or wrong auth token', code: 'UNAUTHORIZED' });
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/v2') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('');
      }
      if (req.method === 'POST' && url.pathname === '/v2/pipeline') {
        expireIdle();
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch (err) {
          if (err instanceof StreamError) return send(res, 413, { message: err.message, code: err.code });
          return send(res, 400, { message: `Request body is not JSON: ${(err as Error).message}`, code: 'PROTOCOL_ERROR' });
        }
        const out = pipeline(body);
        return send(res, out.status, out.body);
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`No ${req.method} ${url.pathname} here: this server speaks Hrana v2 (GET /v2, POST /v2/pipeline)`);
    })().catch((err) => send(res, 500, { message: `Hrana test server failed: ${(err as Error).message}`, code: 'INTERNAL' }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    path,
    openStreams: () => streams.size,
    requestsSeen: () => ({ ...seen }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const { stream } of streams.values()) stream.close();
      streams.clear();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}
