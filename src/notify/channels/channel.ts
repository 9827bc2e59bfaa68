import type { z } from 'zod';
import type { MonitorEventKind } from '../../db/schema/index';
import type { Logger } from '../../logger';
import type { MailTransport } from './email/transport';

/** One notification, rendered for a channel (log text already capped to the channel's limit). */
export type Message = {
  /** The event, or 'digest' for the daily summary. */
  kind: MonitorEventKind | 'digest';
  reminder: boolean;
  test: boolean;
  title: string;
  body: string;
  /** All template variables, for channels that send structured data (webhook). */
  vars: Record<string, string>;
  /** The job page, opened from the notification. */
  url: string | null;
  /** Stable per job, so a new alert replaces the previous one where the channel supports it. */
  tag: string;
  jobId: number | null;
};

export type PushRecipient = { endpoint: string; p256dh: string; auth: string };
export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

/** What the runtime provides to senders; the optional ones are set only where the runtime has them. */
export type ChannelServices = {
  fetch: typeof fetch;
  /** Already carries the channel's kind and id (see attemptDelivery). */
  logger: Logger;
  sendMail?: MailTransport;
  vapid?: VapidKeys;
  recipient?: PushRecipient;
};

/** One delivery attempt as recorded in Integration Requests. `gone`: the target no longer exists (push 404/410). */
export type Attempt = {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  responseCode: number | null;
  error: string | null;
  gone?: boolean;
};

export type SendInput<C> = { config: C; secret: string | null; message: Message; services: ChannelServices };

export type ChannelDefinition<C = any> = {
  kind: string;
  /** Non-secret settings, validated at the API edge. */
  configSchema: z.ZodType<C>;
  /** The one secret the channel keeps (stored encrypted, never returned), or null. */
  secret: { name: string; required: boolean } | null;
  /** How many characters of {log_text} fit this channel. */
  maxLogChars: number;
  send(input: SendInput<C>): Promise<Attempt>;
};

const encoder = new TextEncoder();
export const utf8 = (text: string) => encoder.encode(text);

/**
 * Sends an HTTP request and describes it as an attempt; network errors become the attempt's error.
 * An error answer's body (first 500 characters) goes into the error when it can be read.
 */
export async function httpAttempt(
  services: Pick<ChannelServices, 'fetch' | 'logger'>,
  url: string,
  init: { method: string; headers: Record<string, string>; body: Uint8Array | string | null },
  shownHeaders: Record<string, string> = init.headers,
): Promise<Attempt> {
  const body = typeof init.body === 'string' ? utf8(init.body) : init.body;
  const base = { endpoint: url, method: init.method, headers: shownHeaders, body };
  // Called unbound: workerd's fetch refuses to run as a method of another object ("Illegal invocation").
  const { fetch: fetchFn, logger } = services;
  let res: Response;
  try {
    res = await fetchFn(url, { method: init.method, headers: init.headers, body: body as BodyInit | null, signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    return { ...base, responseCode: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  let text = '';
  try {
    // A success body is never read: cancelling it frees the connection.
    if (res.ok) await res.body?.cancel();
    else text = (await res.text()).slice(0, 500);
  } catch (err) {
    // The status is already known, so the attempt stands; only the peer's explanation is lost. The
    // host alone is logged: webhook and ntfy URLs can carry secrets in their path.
    logger.warn('notification response body could not be read', { host: new URL(url).host, status: res.status, err });
  }
  return { ...base, responseCode: res.status, error: res.ok ? null : `HTTP ${res.status}${text ? `: ${text}` : ''}`, gone: res.status === 404 || res.status === 410 };
}
