import { z } from 'zod';
import { utf8, type ChannelDefinition, type Message } from '../channel';

export const emailConfig = z.object({
  host: z.string().min(1, 'is the SMTP server host name'),
  port: z.number().int().min(1).max(65535).default(587),
  security: z.enum(['none', 'starttls', 'tls']).default('starttls'),
  /**
   * Accept the server's certificate without checking it (self-signed, private CA, other name): still
   * encrypted, but no longer proof of whom the password goes to. Node only: Workers always check.
   */
  allowSelfSigned: z.boolean().default(false),
  username: z.string().max(200).nullable().default(null),
  fromName: z.string().max(200).default('Backwatch'),
  fromAddress: z.string().email('must be an e-mail address'),
  recipients: z.array(z.string().email('must be e-mail addresses')).min(1, 'needs at least one recipient').max(50),
});
export type EmailConfig = z.infer<typeof emailConfig>;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML part: the same text, escaped, line breaks kept, with a link to the job. */
export function emailHtml(message: Message): string {
  const lines = escapeHtml(message.body).replace(/\n/g, '<br>\n');
  const link = message.url ? `<p><a href="${escapeHtml(message.url)}">${escapeHtml(message.url)}</a></p>` : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.4"><h2 style="font-size:1.1em">${escapeHtml(message.title)}</h2><p style="white-space:normal">${lines}</p>${link}</body></html>`;
}

/** SMTP e-mail with a plain-text and an HTML part. */
export const email: ChannelDefinition<EmailConfig> = {
  kind: 'email',
  configSchema: emailConfig,
  secret: { name: 'password', required: false },
  maxLogChars: 20_000,
  async send({ config, secret, message, services }) {
    const text = message.url ? `${message.body}\n\n${message.url}` : message.body;
    const html = emailHtml(message);
    const endpoint = `smtp://${config.host}:${config.port}`;
    const base = {
      endpoint,
      method: 'SMTP',
      headers: { from: config.fromAddress, to: config.recipients.join(', '), subject: message.title },
      body: utf8(text),
    };
    if (!services.sendMail) return { ...base, responseCode: null, error: 'E-mail sending is not available on this runtime.' };
    try {
      const reply = await services.sendMail(
        { host: config.host, port: config.port, security: config.security, allowSelfSigned: config.allowSelfSigned, username: config.username, password: secret },
        { from: { name: config.fromName, address: config.fromAddress }, to: config.recipients, subject: message.title, text, html },
      );
      return { ...base, responseCode: Number(/^\d{3}/.exec(reply)?.[0] ?? 250), error: null };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode ?? null;
      return { ...base, responseCode: code, error: err instanceof Error ? err.message : String(err) };
    }
  },
};
