import { WorkerMailer } from 'worker-mailer';
import type { MailTransport } from './transport';

/** worker-mailer over `cloudflare:sockets`; only the Worker entry imports this file. */
export const workerMailTransport: MailTransport = async (server, message) => {
  await WorkerMailer.send(
    {
      host: server.host,
      port: server.port,
      secure: server.security === 'tls',
      startTls: server.security === 'starttls',
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
