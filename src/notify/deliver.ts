import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import type { Store } from '../db/store';
import { monitorEvents, notifyChannels, outbox, pushSubscriptions, servers } from '../db/schema/index';
import type { WriteGroup } from '../db/writer';
import { integrationRequestInsert, integrationRequestRow, recordIntegrationRequest, type NewIntegrationRequest } from '../admin/integration-requests';
import type { EventDetails } from '../monitor/event-details';
import { DEFAULT_SETTINGS, GLOBAL_SCOPE, scopeSettings } from '../monitor/settings';
import { CHANNELS } from './channels/index';
import type { Attempt, ChannelServices, Message } from './channels/channel';
import type { MailTransport } from './channels/email/transport';
import { vapidKeys, vapidSubject } from './channels/webpush/vapid';
import { composeMessage, type ComposeInput } from './compose';
import { openSecret } from './secret-box';
import { loadTemplateSettings, templatesFor } from './templates';
import { eventVariables, type ServerFacts } from './variables';

export type NotifyDeps = Pick<AppDeps, 'store' | 'clock' | 'logger' | 'secretKey' | 'config' | 'deliverySubrequests'> & { sendMail?: MailTransport; fetch?: typeof fetch };
export type DeliveryCounts = { attempted: number; sent: number; retrying: number; dead: number };

/** Without a subrequest budget (Node), a drain takes this many at a time until nothing is due. */
const BATCH = 200;
/**
 * Round trips a drain makes besides its deliveries: due list, claim, claimed rows (with their push
 * subscriptions), template settings, time zone, and the VAPID keys (create-if-missing, then read).
 */
export const DRAIN_QUERIES = 7;
/** Per delivery: the send (one HTTP request or SMTP connection) and one write recording the attempt and its outcome. */
export const SUBREQUESTS_PER_DELIVERY = 2;

/** How many deliveries one drain can attempt within a subrequest budget. */
export function deliveriesWithin(subrequests: number): number {
  return Math.max(0, Math.floor((subrequests - DRAIN_QUERIES) / SUBREQUESTS_PER_DELIVERY));
}
/** A claimed delivery not finished within this time (process died mid-send) is taken up again. */
const LEASE_MS = 2 * 60_000;
const GIVE_UP_MS = 24 * 3600_000;

/** Exponential back-off: 30 s, 1 min, 2 min, … capped at one hour, so 24 h holds about 30 attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

type ChannelRow = typeof notifyChannels.$inferSelect;

/** Sends one composed message through a channel; any failure comes back as the attempt's error. */
async function sendThrough(deps: NotifyDeps, channel: ChannelRow, message: Message, services: Omit<ChannelServices, 'logger'>): Promise<Attempt> {
  const def = CHANNELS[channel.kind];
  if (!def) return { endpoint: channel.kind, method: '-', headers: {}, body: null, responseCode: null, error: `Unknown channel kind "${channel.kind}".` };
  const parsed = def.configSchema.safeParse(channel.config);
  if (!parsed.success) {
    return { endpoint: channel.name, method: '-', headers: {}, body: null, responseCode: null, error: `Channel settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
  }
  try {
    const secret = channel.secret ? await openSecret(deps.secretKey, channel.secret) : null;
    return await def.send({ config: parsed.data, secret, message, services: { ...services, logger: deps.logger.child({ channel: channel.kind, channelId: channel.id }) } });
  } catch (err) {
    return { endpoint: channel.name, method: '-', headers: {}, body: null, responseCode: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** An attempt as the outbound Integration Request that records it. */
function attemptRecord(channel: ChannelRow, message: Message, result: Attempt, reference: string): NewIntegrationRequest {
  return {
    direction: 'outbound',
    kind: channel.kind,
    endpoint: result.endpoint,
    method: result.method,
    status: result.error ? 'Failed' : 'Completed',
    headers: result.headers,
    body: result.body,
    operation: message.test ? 'test' : message.kind,
    reference,
    error: result.error,
    responseCode: result.responseCode,
  };
}

/** Sends one composed message through a channel and records the attempt as an outbound Integration Request. */
export async function attemptDelivery(
  deps: NotifyDeps,
  channel: ChannelRow,
  message: Message,
  services: Omit<ChannelServices, 'logger'>,
  reference: string,
  now: Date,
): Promise<Attempt> {
  const result = await sendThrough(deps, channel, message, services);
  await recordIntegrationRequest(deps.store, attemptRecord(channel, message, result, reference), now);
  return result;
}

/** Everything a drain needs once, whatever the number of deliveries. */
function contextLoader(deps: NotifyDeps, now: Date) {
  const { db } = deps.store;
  let templates: Promise<Awaited<ReturnType<typeof loadTemplateSettings>>> | undefined;
  let timeZone: Promise<string> | undefined;
  let vapid: Promise<ChannelServices['vapid']> | undefined;
  return {
    templates: () => (templates ??= loadTemplateSettings(db)),
    timeZone: () => (timeZone ??= scopeSettings(db, GLOBAL_SCOPE).then((g) => g?.timeZone ?? DEFAULT_SETTINGS.timeZone)),
    vapid: () => (vapid ??= vapidKeys(deps.store, deps.secretKey, vapidSubject(deps.config.publicUrl), now)),
  };
}

export function jobUrl(publicUrl: string | undefined, jobId: number): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/jobs/${jobId}` : `/jobs/${jobId}`;
}

/** Compose input for a stored event (or the sample one). */
export async function composeInput(
  deps: Pick<NotifyDeps, 'config'>,
  kind: ComposeInput['kind'],
  reminder: boolean,
  test: boolean,
  details: EventDetails,
  server: ServerFacts,
  jobId: number | null,
  loaded: { templates: Awaited<ReturnType<typeof loadTemplateSettings>>; timeZone: string },
  now: Date,
): Promise<ComposeInput> {
  const language = loaded.templates.language;
  const url = jobId === null ? null : jobUrl(deps.config.publicUrl, jobId);
  return {
    kind,
    reminder,
    test,
    vars: eventVariables(kind, details, server, url, { language, timeZone: loaded.timeZone }, now),
    logLines: details.run?.logLines ?? [],
    templates: templatesFor(loaded.templates, language),
    language,
    url,
    jobId,
  };
}

/**
 * Drains due deliveries: claims each with a conditional update (so concurrent drains never send
 * the same one twice), sends, then records the attempt together with its outcome: sent, a retry
 * with back-off, or dead after 24 h. A push subscription answered 404/410 is deleted.
 *
 * With `deliverySubrequests` (Workers, where an invocation may make only so many subrequests) a
 * drain takes the deliveries that fit and leaves the rest due for the next minute scan; without
 * it (Node) a drain goes on until nothing is due.
 */
export async function deliverOutbox(deps: NotifyDeps, now: Date = deps.clock()): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { attempted: 0, sent: 0, retrying: 0, dead: 0 };
  if (deps.deliverySubrequests !== undefined) {
    const fit = deliveriesWithin(deps.deliverySubrequests);
    if (fit > 0) await deliverBatch(deps, now, fit, counts);
    return counts;
  }
  // Every pass takes its rows out of the due set (sent, dead, or retried later), so this ends.
  while ((await deliverBatch(deps, now, BATCH, counts)) === BATCH);
  return counts;
}

/** Claims and delivers up to `limit` due deliveries; returns how many were due (at most `limit`). */
async function deliverBatch(deps: NotifyDeps, now: Date, limit: number, counts: DeliveryCounts): Promise<number> {
  const { db, writer } = deps.store;
  const at = now.toISOString();
  const due = await db
    .select({ id: outbox.id, attempts: outbox.attempts, status: outbox.status })
    .from(outbox)
    .where(and(inArray(outbox.status, ['pending', 'sending']), lte(outbox.nextAttemptAt, at)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  if (due.length === 0) return 0;
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const claims = due.map((d) =>
    db
      .update(outbox)
      .set({ status: 'sending', attempts: d.attempts + 1, nextAttemptAt: leaseUntil, updatedAt: at })
      .where(and(eq(outbox.id, d.id), eq(outbox.attempts, d.attempts), eq(outbox.status, d.status)))
      .returning({ id: outbox.id }),
  );
  const claimed = ((await writer.write(claims as unknown as WriteGroup)) as { id: number }[][]).flat().map((r) => r.id);
  if (claimed.length === 0) return due.length;

  const rows = await db
    .select({ o: outbox, e: monitorEvents, c: notifyChannels, s: servers, p: pushSubscriptions })
    .from(outbox)
    .innerJoin(monitorEvents, eq(monitorEvents.id, outbox.eventId))
    .innerJoin(notifyChannels, eq(notifyChannels.id, outbox.channelId))
    .leftJoin(servers, sql`${servers.id} = json_extract(${monitorEvents.details}, '$.serverId')`)
    .leftJoin(pushSubscriptions, and(eq(notifyChannels.kind, 'webpush'), sql`${pushSubscriptions.id} = cast(${outbox.target} as integer)`))
    .where(inArray(outbox.id, claimed));
  const ctx = contextLoader(deps, now);
  const fetchFn = deps.fetch ?? fetch;

  for (const { o, e, c, s, p } of rows) {
    counts.attempted++;
    let result: Attempt;
    let record: NewIntegrationRequest | null = null;
    if (!c.enabled) {
      result = { endpoint: c.name, method: '-', headers: {}, body: null, responseCode: null, error: 'Channel is disabled.' };
    } else if (c.kind === 'webpush' && !p) {
      result = { endpoint: `subscription ${o.target}`, method: '-', headers: {}, body: null, responseCode: null, error: 'The push subscription was removed.', gone: true };
    } else {
      const services: Omit<ChannelServices, 'logger'> = { fetch: fetchFn, sendMail: deps.sendMail };
      if (p) {
        services.recipient = { endpoint: p.endpoint, p256dh: p.p256dh, auth: p.auth };
        services.vapid = await ctx.vapid();
      }
      const server: ServerFacts = s ? { name: s.name, alias: s.alias, note: s.note, url: s.url } : { name: e.details.serverId as string, alias: '', note: '', url: '' };
      const input = await composeInput(deps, e.kind, e.reminder, false, e.details as EventDetails, server, e.jobId, { templates: await ctx.templates(), timeZone: await ctx.timeZone() }, now);
      const message = composeMessage(input, CHANNELS[c.kind]?.maxLogChars ?? 2000);
      result = await sendThrough(deps, c, message, services);
      record = attemptRecord(c, message, result, `outbox:${o.id}`);
    }
    // The attempt's record and the outcome are one write: one round trip per delivery.
    const writes: WriteGroup[number][] = record ? [integrationRequestInsert(db, integrationRequestRow(record, now))] : [];
    const mine = and(eq(outbox.id, o.id), eq(outbox.attempts, o.attempts));
    if (!result.error) {
      counts.sent++;
      writes.push(db.update(outbox).set({ status: 'sent', lastError: null, updatedAt: at }).where(mine));
      if (p) writes.push(db.update(pushSubscriptions).set({ lastSuccessAt: at }).where(eq(pushSubscriptions.id, p.id)));
      await writer.write(writes as unknown as WriteGroup);
      continue;
    }
    const next = now.getTime() + retryDelayMs(o.attempts);
    const dead = (c.kind === 'webpush' && result.gone) || next > new Date(o.createdAt).getTime() + GIVE_UP_MS || !c.enabled;
    if (dead) counts.dead++;
    else counts.retrying++;
    writes.push(
      db
        .update(outbox)
        .set({ status: dead ? 'dead' : 'pending', nextAttemptAt: dead ? at : new Date(next).toISOString(), lastError: result.error, updatedAt: at })
        .where(mine),
    );
    if (c.kind === 'webpush' && result.gone && p) writes.push(db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, p.id)));
    await writer.write(writes as unknown as WriteGroup);
    if (dead) deps.logger.warn('delivery given up', { outboxId: o.id, channel: c.kind, error: result.error });
  }
  return due.length;
}

const draining = new WeakMap<object, { again: boolean; run: Promise<void> }>();

/**
 * Starts a drain unless one is already running for this database, in which case that one makes
 * one more pass: a burst of uploads that each queue an alert costs one drain loop, not one per
 * upload fighting over the same claims.
 */
export function kickDelivery(deps: NotifyDeps): Promise<void> {
  const running = draining.get(deps.store.db);
  if (running) {
    running.again = true;
    return running.run;
  }
  const state = { again: true, run: Promise.resolve() };
  state.run = (async () => {
    try {
      while (state.again) {
        state.again = false;
        await deliverOutbox(deps);
      }
    } finally {
      draining.delete(deps.store.db);
    }
  })();
  draining.set(deps.store.db, state);
  return state.run;
}

/** Sends a test message through one channel right now (not through the outbox); returns the attempt. */
export async function sendTest(deps: NotifyDeps, channel: ChannelRow, message: Message, services: Partial<Omit<ChannelServices, 'logger'>> = {}): Promise<Attempt> {
  const now = deps.clock();
  return attemptDelivery(deps, channel, message, { fetch: deps.fetch ?? fetch, sendMail: deps.sendMail, ...services }, `test:channel:${channel.id}`, now);
}
