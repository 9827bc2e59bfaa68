import webpush from 'web-push';
import { z } from 'zod';
import { httpAttempt, utf8, type ChannelDefinition, type Message } from '../channel';

export const webpushConfig = z.object({});
export type WebpushConfig = z.infer<typeof webpushConfig>;

/** Browsers' limit for the decrypted payload. */
export const MAX_PAYLOAD_BYTES = 3993;

/** The JSON the service worker shows: title, body, a tag per job (a new alert replaces the old), and the job page to open. */
export function pushPayload(message: Message): string {
  const make = (body: string) => JSON.stringify({ title: message.title, body, tag: message.tag, url: message.url, event: message.kind });
  let body = message.body;
  let json = make(body);
  while (utf8(json).byteLength > MAX_PAYLOAD_BYTES && body.length > 0) {
    body = `${body.slice(0, Math.floor(body.length * 0.8))}…`;
    json = make(body);
  }
  return json;
}

/**
 * Web push through the `web-push` package's request builder (aes128gcm encryption, VAPID JWT of
 * at most 24 h) and plain fetch, which runs on Node and Workers alike. 404/410 mark the
 * subscription gone.
 */
export const webPush: ChannelDefinition<WebpushConfig> = {
  kind: 'webpush',
  configSchema: webpushConfig,
  secret: null,
  maxLogChars: 600,
  async send({ message, services }) {
    const { recipient, vapid } = services;
    if (!recipient || !vapid) {
      return { endpoint: recipient?.endpoint ?? 'push', method: 'POST', headers: {}, body: null, responseCode: null, error: 'No push subscription or VAPID keys for this delivery.' };
    }
    const details = webpush.generateRequestDetails(
      { endpoint: recipient.endpoint, keys: { p256dh: recipient.p256dh, auth: recipient.auth } },
      pushPayload(message),
      {
        vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: 24 * 3600,
        urgency: message.kind === 'failed' || message.kind === 'overdue' ? 'high' : 'normal',
        topic: message.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
      },
    );
    const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
    const shown = { ...headers, ...(headers.Authorization ? { Authorization: '[redacted]' } : {}) };
    return httpAttempt(services, details.endpoint, { method: details.method, headers, body: new Uint8Array(details.body) }, shown);
  },
};
