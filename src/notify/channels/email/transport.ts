export type SmtpSecurity = 'none' | 'starttls' | 'tls';

export type SmtpServer = { host: string; port: number; security: SmtpSecurity; allowSelfSigned?: boolean; username: string | null; password: string | null };

export type MailMessage = { from: { name: string; address: string }; to: string[]; subject: string; text: string; html: string };

/**
 * Sends one message through an SMTP server; resolves with the server's reply line. One
 * implementation per runtime: nodemailer on Node (transport-node.ts), worker-mailer on Workers
 * (transport-worker.ts), chosen by the entry and handed over in AppDeps.sendMail.
 */
export type MailTransport = {
  (server: SmtpServer, message: MailMessage): Promise<string>;
  /** Whether it can honour allowSelfSigned: workerd checks every certificate and has no way to accept another. */
  readonly allowsSelfSigned: boolean;
};

/**
 * Why a "starttls" channel sent nothing, on either runtime: going on in plain text would hand the
 * password and the message to anyone on the path, and an attacker there can hide the server's
 * STARTTLS announcement on purpose.
 */
export function startTlsNotOfferedMessage(server: Pick<SmtpServer, 'host' | 'port'>): string {
  return `The SMTP server ${server.host}:${server.port} did not offer STARTTLS, so nothing was sent: the password and the message would have crossed the network unencrypted. Turn on STARTTLS on the server (or find what on the network removes it), or choose security "tls" if the server offers implicit TLS (usually port 465).`;
}
