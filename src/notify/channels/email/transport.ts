export type SmtpSecurity = 'none' | 'starttls' | 'tls';

export type SmtpServer = { host: string; port: number; security: SmtpSecurity; allowSelfSigned?: boolean; username: string | null; password: string | null };

export type MailMessage = { from: { name: string; address: string }; to: string[]; subject: string; text: string; html: string };

/**
 * Sends one message through an SMTP server; resolves with the server's reply line. One
 * implementation per runtime: nodemailer on Node (transport-node.ts), worker-mailer on Workers
 * (transport-worker.ts), chosen by the entry and handed over in AppDeps.sendMail.
 */
export type MailTransport = (server: SmtpServer, message: MailMessage) => Promise<string>;
