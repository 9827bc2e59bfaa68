import { z } from 'zod';
import type { MonitorEventKind } from '../../../db/schema/index';
import { httpAttempt, type ChannelDefinition } from '../channel';

const EVENTS = ['success', 'warning', 'failed', 'overdue', 'recovered'] as const satisfies readonly MonitorEventKind[];

const DEFAULT_PRIORITY: Record<MonitorEventKind, number> = { success: 3, warning: 4, failed: 4, overdue: 4, recovered: 3 };

export const ntfyConfig = z.object({
  serverUrl: z.string().url('must be the ntfy server URL, e.g. https://ntfy.sh').default('https://ntfy.sh'),
  topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _'),
  /** ntfy priority 1 (min) to 5 (max) per event; missing events use duplistatus' defaults. */
  priority: z.partialRecord(z.enum(EVENTS), z.number().int().min(1).max(5)).default({}),
  /** Extra tags (emoji short codes or words) per event. */
  tags: z.partialRecord(z.enum(EVENTS), z.array(z.string().min(1).max(40)).max(10)).default({}),
  markdown: z.boolean().default(true),
  click: z.boolean().default(true),
});
export type NtfyConfig = z.infer<typeof ntfyConfig>;

/** ntfy via its JSON publishing API (UTF-8 titles and emoji need no header encoding). */
export const ntfy: ChannelDefinition<NtfyConfig> = {
  kind: 'ntfy',
  configSchema: ntfyConfig,
  secret: { name: 'accessToken', required: false },
  maxLogChars: 2000,
  async send({ config, secret, message, services }) {
    const payload = {
      topic: config.topic,
      title: message.title,
      message: message.body,
      priority: message.kind === 'digest' ? 3 : (config.priority[message.kind] ?? DEFAULT_PRIORITY[message.kind]),
      tags: ['duplicati', 'backwatch', message.kind, ...(message.kind === 'digest' ? [] : (config.tags[message.kind] ?? []))],
      markdown: config.markdown,
      ...(config.click && message.url ? { click: message.url } : {}),
    };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const shown = { ...headers };
    if (secret) {
      headers.authorization = `Bearer ${secret}`;
      shown.authorization = '[redacted]';
    }
    return httpAttempt(services, config.serverUrl.replace(/\/+$/, '') + '/', { method: 'POST', headers, body: JSON.stringify(payload) }, shown);
  },
};
