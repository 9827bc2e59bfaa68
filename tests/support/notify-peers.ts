import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free port that accepts mail (checking AUTH when given) and parses each message. */
export async function startSmtpCapture(auth?: { username: string; password: string }) {
  const messages: (ParsedMail & { authUser: string | null })[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.username && a.password === auth.password) cb(null, { user: a.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(Object.assign(mail, { authUser: (session.user as string | undefined) ?? null }));
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export type Captured = { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer; status: number };

/**
 * An HTTP server standing in for ntfy and webhook receivers: records every request and answers
 * 200, or a chosen failure status for the next N requests to a path.
 */
export async function startHttpCapture() {
  const requests: Captured[] = [];
  const failures = new Map<string, { remaining: number; status: number }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const plan = failures.get(path);
      const status = plan && plan.remaining > 0 ? plan.status : 200;
      if (plan && plan.remaining > 0) plan.remaining--;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks), status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"id":"ok"}' : '{"error":"unavailable"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    to: (path: string) => requests.filter((r) => r.path === path),
    failNext: (path: string, count: number, status = 503) => failures.set(path, { remaining: count, status }),
    close: () => new Promise<void>((r) => server.close(() => r())),
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
