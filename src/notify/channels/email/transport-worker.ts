import { LogLevel, WorkerMailer, type EmailOptions, type WorkerMailerOptions } from 'worker-mailer';
import { startTlsNotOfferedMessage, type MailMessage, type MailTransport, type SmtpServer } from './transport';

/**
 * The steps of a worker-mailer (1.2) session this file steers. `initializeSmtpSession` runs
 * greeting → EHLO → STARTTLS + EHLO when the server offers it → `auth`, and the message goes out
 * only after that. worker-mailer treats `startTls` as a wish: when the EHLO answer lacks STARTTLS it
 * carries on in plain text, AUTH included, and it has no option to require TLS. These steps are
 * private in its types, so they are named here and checked before every send: an update that
 * renames one fails loudly instead of dropping the check.
 */
const STEPS = ['initializeSmtpSession', 'start', 'tls', 'ehlo', 'auth'] as const;
type Step = (typeof STEPS)[number];
type Session = Record<Step, () => Promise<void>> & { send(email: EmailOptions): Promise<void>; close(error?: Error): Promise<void> };
const Session = WorkerMailer as unknown as new (options: WorkerMailerOptions) => Session;

/** workerd reports a refused handshake as "internal error; reference = …": say what to look at. */
function tlsFailed(server: SmtpServer, err: unknown): Error {
  const reason = err instanceof Error ? err.message : String(err);
  const when = server.security === 'tls' ? 'before the greeting (security "tls": TLS from the first byte; for port 587 choose "starttls")' : 'after STARTTLS';
  return new Error(
    `The TLS connection to the SMTP server ${server.host}:${server.port} failed ${when} (${reason}). Cloudflare Workers accept only a certificate from a public authority, in date, naming "${server.host}": check the server's certificate.`,
    { cause: err },
  );
}

/** Replaces one step of this `session` (an own property shadowing the class method) with `wrapper(original step)`. */
function around(session: Session, step: Step, wrapper: (original: () => Promise<void>) => Promise<void>) {
  const original = session[step].bind(session);
  session[step] = () => wrapper(original);
}

/**
 * Opens an SMTP session ready to send. With security "starttls" it refuses before AUTH unless the
 * connection was upgraded and the server answered through TLS, so neither the password nor the
 * message crosses the network in plain text (as nodemailer's requireTLS on Node).
 */
async function openSession(server: SmtpServer): Promise<Session> {
  const missing = STEPS.filter((step) => typeof (WorkerMailer.prototype as unknown as Partial<Session>)[step] !== 'function');
  if (missing.length) throw new Error(`This worker-mailer version has no ${missing.join(', ')} step, which the STARTTLS check needs: install the version package.json names.`);
  const session = new Session({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    startTls: server.security === 'starttls',
    // Its own console lines would bypass the structured log; at debug level they carry the AUTH exchange.
    logLevel: LogLevel.NONE,
    ...(server.username ? { credentials: { username: server.username, password: server.password ?? '' }, authType: ['plain', 'login'] } : {}),
  });
  let upgrading = false;
  let encrypted = false;
  let greeted = false;
  around(session, 'tls', async (tls) => {
    await tls();
    upgrading = true;
  });
  // The EHLO after STARTTLS is the first exchange through TLS: it fails if the handshake does.
  around(session, 'ehlo', async (ehlo) => {
    greeted = true;
    if (!upgrading) return ehlo();
    try {
      await ehlo();
    } catch (err) {
      throw tlsFailed(server, err);
    }
    upgrading = false;
    encrypted = true;
  });
  around(session, 'auth', async (auth) => {
    if (server.security === 'starttls' && !encrypted) throw new Error(startTlsNotOfferedMessage(server));
    return auth();
  });
  try {
    await session.initializeSmtpSession();
  } catch (err) {
    await session.close(err as Error);
    // With implicit TLS, failing before EHLO means the handshake (or the greeting through it) failed.
    throw server.security === 'tls' && !greeted ? tlsFailed(server, err) : err;
  }
  // Sends what `send` queues; a failure it cannot hand to a queued message closes the session with it.
  void session.start().catch((err: Error) => session.close(err));
  return session;
}

/** worker-mailer over `cloudflare:sockets`; only the Worker entry imports this file. */
export const workerMailTransport: MailTransport = Object.assign(
  async (server: SmtpServer, message: MailMessage) => {
    // workerd verifies every TLS certificate and offers no way to accept another one.
    if (server.allowSelfSigned) {
      throw new Error(`allowSelfSigned is not available on Cloudflare Workers, which always check the certificate of ${server.host}:${server.port}. Give the SMTP server a certificate from a public authority, then turn allowSelfSigned off.`);
    }
    const session = await openSession(server);
    try {
      await session.send({
        from: { name: message.from.name, email: message.from.address },
        to: message.to.map((email) => ({ email })),
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    } finally {
      await session.close();
    }
    return '250 accepted';
  },
  { allowsSelfSigned: false },
);
