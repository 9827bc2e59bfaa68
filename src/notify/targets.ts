import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { notifyChannels, pushSubscriptions, type EventFilter, type MonitorEventKind } from '../db/schema/index';
import { wants } from '../monitor/transitions';

export type ChannelTarget = { id: number; kind: string };
export type PushTarget = { id: number; events: EventFilter; jobIds: number[] | null };
export type Recipients = { channels: ChannelTarget[]; subscriptions: PushTarget[] };
export type Delivery = { channelId: number; target: string };

/** Enabled channels and, when web push is one of them, the subscribed devices. */
export async function loadRecipients(db: Database): Promise<Recipients> {
  const channels = await db.select({ id: notifyChannels.id, kind: notifyChannels.kind }).from(notifyChannels).where(eq(notifyChannels.enabled, true));
  const subscriptions = channels.some((c) => c.kind === 'webpush')
    ? await db.select({ id: pushSubscriptions.id, events: pushSubscriptions.events, jobIds: pushSubscriptions.jobIds }).from(pushSubscriptions)
    : [];
  return { channels, subscriptions };
}

/** Recipients change rarely and ingest asks on every alerting run: keep them a few seconds per database. */
export const RECIPIENTS_TTL_MS = 5000;
const cache = new WeakMap<object, { until: number; value: Promise<Recipients> }>();

export function cachedRecipients(db: Database): Promise<Recipients> {
  const hit = cache.get(db);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = loadRecipients(db);
  cache.set(db, { until: Date.now() + RECIPIENTS_TTL_MS, value });
  // Not swallowed: callers await `value` itself and see the rejection; this only stops caching it.
  value.catch(() => cache.delete(db));
  return value;
}

/** Called after a channel or subscription changes, so this process uses it at once. */
export function forgetRecipients(db: Database): void {
  cache.delete(db);
}

/**
 * Who hears about an event: the job's chosen channels (all enabled ones when it chose none), if its
 * filter wants the event; for web push, every device whose owner wants this event for this job.
 */
export function planDeliveries(
  kind: MonitorEventKind,
  job: { jobId: number; events: EventFilter; channels: number[] | null },
  recipients: Recipients,
): Delivery[] {
  if (!wants(job.events, kind)) return [];
  const out: Delivery[] = [];
  for (const ch of recipients.channels) {
    if (job.channels && !job.channels.includes(ch.id)) continue;
    if (ch.kind !== 'webpush') {
      out.push({ channelId: ch.id, target: 'default' });
      continue;
    }
    for (const s of recipients.subscriptions) {
      if (wants(s.events, kind) && (!s.jobIds || s.jobIds.includes(job.jobId))) out.push({ channelId: ch.id, target: String(s.id) });
    }
  }
  return out;
}
