import nodemailer from 'nodemailer';
import type { MailTransport } from './transport';

/** nodemailer, one connection per message (alerts are rare; no pool to keep alive). */
export const nodeMailTransport: MailTransport = async (server, message) => {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: server.username ? { user: server.username, pass: server.password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: { name: message.from.name, address: message.from.address },
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    return info.response;
  } finally {
    transport.close();
  }
};
