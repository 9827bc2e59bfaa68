import { z } from 'zod';
import { httpAttempt, utf8, type ChannelDefinition } from '../channel';

export const webhookConfig = z.object({
  url: z.string().url('must be the URL to POST to'),
});
export type WebhookConfig = z.infer<typeof webhookConfig>;

export const SIGNATURE_HEADER = 'x-backwatch-signature';

/** HMAC-SHA256 of the exact body bytes, hex, as `sha256=<hex>` (the GitHub convention receivers already check). */
export async function signBody(secret: string, body: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, body as Uint8Array<ArrayBuffer>));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A JSON POST with every template variable; signed when a secret is set. */
export const webhook: ChannelDefinition<WebhookConfig> = {
  kind: 'webhook',
  configSchema: webhookConfig,
  secret: { name: 'signingSecret', required: false },
  maxLogChars: 8000,
  async send({ config, secret, message, services }) {
    const body = utf8(
      JSON.stringify({
        event: message.kind,
        reminder: message.reminder,
        test: message.test,
        title: message.title,
        body: message.body,
        url: message.url,
        jobId: message.jobId,
        variables: message.vars,
      }),
    );
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Backwatch' };
    if (secret) headers[SIGNATURE_HEADER] = await signBody(secret, body);
    return httpAttempt(services, config.url, { method: 'POST', headers, body });
  },
};
