import { LogLevel, WorkerMailer } from 'worker-mailer';
import type { MailTransport } from './transport';

/** worker-mailer over `cloudflare:sockets`; only the Worker entry imports this file. */
export const workerMailTransport: MailTransport = async (server, message) => {
  // workerd verifies every TLS certificate and offers no way to accept another one.
  if (server.allowSelfSigned) {
    throw new Error(`allowSelfSigned is not available on Cloudflare Workers, which always check the certificate of ${server.host}:${server.port}. Give the SMTP server a certificate from a public authority, then turn allowSelfSigned off.`);
  }
  await WorkerMailer.send(
    {
      host: server.host,
      port: server.port,
      secure: server.security === 'tls',
      startTls: server.security === 'starttls',
      // Its own console lines would bypass the structured log; at debug level they carry the AUTH exchange.
      logLevel: LogLevel.NONE,
      ...(server.username ? { credentials: { username: server.username, password: server.password ?? '' }, authType: ['plain', 'login'] } : {}),
    },
    {
      from: { name: message.from.name, email: message.from.address },
      to: message.to.map((email) => ({ email })),
      subject: message.subject,
      text: message.text,
      html: message.html,
    },
  );
  return '250 accepted';
};
