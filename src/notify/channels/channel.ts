import type { z } from 'zod';
import type { MonitorEventKind } from '../../db/schema/index';
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

/** What the runtime provides to senders; each is set only where the runtime has it. */
export type ChannelServices = {
  fetch: typeof fetch;
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

/** Sends an HTTP request and describes it as an attempt; network errors become the attempt's error. */
export async function httpAttempt(
  fetchFn: typeof fetch,
  url: string,
  init: { method: string; headers: Record<string, string>; body: Uint8Array | string | null },
  shownHeaders: Record<string, string> = init.headers,
): Promise<Attempt> {
  const body = typeof init.body === 'string' ? utf8(init.body) : init.body;
  const base = { endpoint: url, method: init.method, headers: shownHeaders, body };
  try {
    const res = await fetchFn(url, { method: init.method, headers: init.headers, body: body as BodyInit | null, signal: AbortSignal.timeout(15_000) });
    const text = res.ok ? '' : (await res.text().catch(() => '')).slice(0, 500);
    await res.body?.cancel().catch(() => {});
    return { ...base, responseCode: res.status, error: res.ok ? null : `HTTP ${res.status}${text ? `: ${text}` : ''}`, gone: res.status === 404 || res.status === 410 };
  } catch (err) {
    return { ...base, responseCode: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
