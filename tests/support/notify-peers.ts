import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { z } from 'zod';

/** How the SMTP server speaks TLS: STARTTLS on a plain connection (port 587 style) or TLS from the first byte (465). */
export type SmtpTls = { key: string; cert: string; mode: 'starttls' | 'implicit' };

/**
 * A real SMTP server on a free port that accepts mail (checking AUTH when given) and parses each
 * message. Plain text unless `tls` is given; with TLS, AUTH is refused before the connection is
 * encrypted, as real servers do, and each message records whether its session was. Without `tls` it
 * does not offer STARTTLS and takes AUTH in plain text: a misconfigured server, or what a client
 * sees when an attacker on the path strips the STARTTLS announcement.
 */
export async function startSmtpCapture(auth?: { username: string; password: string }, tls?: SmtpTls) {
  const messages: (ParsedMail & { authUser: string | null; secure: boolean })[] = [];
  /** The name of every command the server received (EHLO, STARTTLS, AUTH, MAIL…), in order, over all connections. */
  const commands: string[] = [];
  /** Connection errors the server saw, such as a client refusing its certificate. */
  const errors: Error[] = [];
  const noteError = (err: unknown) => {
    if (err instanceof Error && !errors.includes(err)) errors.push(err);
  };
  const server = new SMTPServer({
    secure: tls?.mode === 'implicit',
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
    authOptional: !auth,
    // Its log is where it reports each command (credentials redacted) and the errors it does not emit,
    // such as a client breaking off the TLS handshake.
    logger: {
      debug: (entry?: { tnx?: string; command?: string }) => {
        if (entry?.tnx === 'command' && entry.command) commands.push(entry.command);
      },
      error: (entry?: { err?: unknown }) => noteError(entry?.err),
    },
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.username && a.password === auth.password) cb(null, { user: a.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(Object.assign(mail, { authUser: (session.user as string | undefined) ?? null, secure: session.secure }));
          cb();
        })
        .catch(cb);
    },
  });
  server.on('error', noteError);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, commands, errors, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type SmtpCapture = Awaited<ReturnType<typeof startSmtpCapture>>;

/** What an SMTP capture server saw, as `GET <url>` of `serveSmtpCapture` returns it. */
export type SmtpCaptureJson = {
  commands: string[];
  messages: { subject: string | null; authUser: string | null; secure: boolean }[];
  errors: string[];
};

/** Serves what an SMTP capture server saw over HTTP, for tests in workerd (which cannot read this process's memory). */
export async function serveSmtpCapture(smtp: SmtpCapture) {
  const server = createServer((_req, res) => {
    const seen: SmtpCaptureJson = {
      commands: smtp.commands,
      messages: smtp.messages.map((m) => ({ subject: m.subject ?? null, authUser: m.authUser, secure: m.secure })),
      errors: smtp.errors.map((e) => e.message),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type Captured = { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer; status: number };
/** A captured request as `GET <url>/__captured` returns it (body as UTF-8 text), for tests in another runtime. */
export type CapturedJson = Omit<Captured, 'body'> & { body: string };
/** How a planned failure answers: a status with a short body, or headers and then a connection cut mid-body. */
export type FailureMode = 'answer' | 'cut-off';

/** Control paths, so a test in workerd (which cannot call into this process) can drive the server over HTTP. */
export const CAPTURE_CONTROL = {
  /** GET: every captured request so far, as `CapturedJson[]`. */
  captured: '/__captured',
  /** POST `{path, count, status?}`: same as `failNext`. */
  failNext: '/__fail-next',
} as const;

const failNextBody = z.object({ path: z.string().startsWith('/'), count: z.number().int().positive(), status: z.number().int().min(400).max(599).optional() });

/**
 * An HTTP server standing in for ntfy and webhook receivers (neither has a server package here):
 * records every request and answers 200, or a chosen failure for the next N requests to a path.
 * Listens on 127.0.0.1 with an OS-chosen port.
 */
export async function startHttpCapture() {
  const requests: Captured[] = [];
  const failures = new Map<string, { remaining: number; status: number; mode: FailureMode }>();
  const failNext = (path: string, count: number, status = 503, mode: FailureMode = 'answer') => {
    failures.set(path, { remaining: count, status, mode });
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks);
      if (req.method === 'GET' && path === CAPTURE_CONTROL.captured) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(requests.map((r): CapturedJson => ({ ...r, body: r.body.toString('utf8') }))));
        return;
      }
      if (req.method === 'POST' && path === CAPTURE_CONTROL.failNext) {
        let plan: z.infer<typeof failNextBody>;
        try {
          plan = failNextBody.parse(JSON.parse(body.toString('utf8')));
        } catch (err) {
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`${CAPTURE_CONTROL.failNext} wants {path, count, status?}: ${String(err)}`);
          return;
        }
        failNext(plan.path, plan.count, plan.status);
        res.writeHead(204).end();
        return;
      }
      const plan = failures.get(path);
      const failing = plan !== undefined && plan.remaining > 0;
      if (failing) plan.remaining--;
      const status = failing ? plan.status : 200;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body, status });
      if (failing && plan.mode === 'cut-off') {
        // Promises a body, sends part of it, then drops the connection: the client sees the status but cannot read the body.
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"error":', () => res.destroy());
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(failing ? '{"error":"unavailable"}' : '{"id":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    to: (path: string) => requests.filter((r) => r.path === path),
    failNext,
    close: async () => {
      // Keep-alive connections from fetch would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

const PUSH_SERVER = fileURLToPath(new URL('../../node_modules/web-push-testing/src/bin/server.js', import.meta.url));

/**
 * The `web-push-testing` push service as a child process: it checks the VAPID JWT, decrypts each
 * message, and lets the test read them back or expire a subscription (then it answers 410).
 */
export async function startPushService() {
  const port = await freePort();
  const child = spawn(process.execPath, [PUSH_SERVER, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Server running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`web-push-testing exited with ${code}: ${out}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`push service ${path}: ${res.status} ${text}`);
    return text.startsWith('{') ? (JSON.parse(text) as { data?: any }).data : text;
  };
  return {
    subscribe: async (applicationServerKey: string): Promise<{ endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string }> =>
      post('/subscribe', { applicationServerKey, userVisibleOnly: 'true' }),
    messages: async (clientHash: string): Promise<string[]> => (await post('/get-notifications', { clientHash })).messages,
    expire: (clientHash: string) => post(`/expire-subscription/${clientHash}`, {}),
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}
