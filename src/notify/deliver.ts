import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import type { Store } from '../db/store';
import { monitorEvents, notifyChannels, outbox, pushSubscriptions, servers } from '../db/schema/index';
import type { WriteGroup } from '../db/writer';
import { recordIntegrationRequest } from '../admin/integration-requests';
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

export type NotifyDeps = Pick<AppDeps, 'store' | 'clock' | 'logger' | 'secretKey' | 'config'> & { sendMail?: MailTransport; fetch?: typeof fetch };
export type DeliveryCounts = { attempted: number; sent: number; retrying: number; dead: number };

const BATCH = 50;
/** A claimed delivery not finished within this time (process died mid-send) is taken up again. */
const LEASE_MS = 2 * 60_000;
const GIVE_UP_MS = 24 * 3600_000;

/** Exponential back-off: 30 s, 1 min, 2 min, … capped at one hour, so 24 h holds about 30 attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

type ChannelRow = typeof notifyChannels.$inferSelect;

/** Sends one composed message through a channel and records the attempt as an outbound Integration Request. */
export async function attemptDelivery(
  deps: NotifyDeps,
  channel: ChannelRow,
  message: Message,
  services: Omit<ChannelServices, 'logger'>,
  reference: string,
  now: Date,
): Promise<Attempt> {
  const def = CHANNELS[channel.kind];
  let result: Attempt;
  if (!def) {
    result = { endpoint: channel.kind, method: '-', headers: {}, body: null, responseCode: null, error: `Unknown channel kind "${channel.kind}".` };
  } else {
    const parsed = def.configSchema.safeParse(channel.config);
    if (!parsed.success) {
      result = { endpoint: channel.name, method: '-', headers: {}, body: null, responseCode: null, error: `Channel settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
    } else {
      try {
        const secret = channel.secret ? await openSecret(deps.secretKey, channel.secret) : null;
        result = await def.send({ config: parsed.data, secret, message, services: { ...services, logger: deps.logger.child({ channel: channel.kind, channelId: channel.id }) } });
      } catch (err) {
        result = { endpoint: channel.name, method: '-', headers: {}, body: null, responseCode: null, error: err instanceof Error ? err.message : String(err) };
      }
    }
  }
  await recordIntegrationRequest(
    deps.store,
    {
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
    },
    now,
  );
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
 * the same one twice), sends, records the attempt, then marks it sent, schedules a retry with
 * back-off, or marks it dead after 24 h. A push subscription answered 404/410 is deleted.
 */
export async function deliverOutbox(deps: NotifyDeps, now: Date = deps.clock()): Promise<DeliveryCounts> {
  const { db, writer } = deps.store;
  const counts: DeliveryCounts = { attempted: 0, sent: 0, retrying: 0, dead: 0 };
  const at = now.toISOString();
  const due = await db
    .select({ id: outbox.id, attempts: outbox.attempts, status: outbox.status })
    .from(outbox)
    .where(and(inArray(outbox.status, ['pending', 'sending']), lte(outbox.nextAttemptAt, at)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(BATCH);
  if (due.length === 0) return counts;
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const claims = due.map((d) =>
    db
      .update(outbox)
      .set({ status: 'sending', attempts: d.attempts + 1, nextAttemptAt: leaseUntil, updatedAt: at })
      .where(and(eq(outbox.id, d.id), eq(outbox.attempts, d.attempts), eq(outbox.status, d.status)))
      .returning({ id: outbox.id }),
  );
  const claimed = ((await writer.write(claims as unknown as WriteGroup)) as { id: number }[][]).flat().map((r) => r.id);
  if (claimed.length === 0) return counts;

  const rows = await db
    .select({ o: outbox, e: monitorEvents, c: notifyChannels, s: servers })
    .from(outbox)
    .innerJoin(monitorEvents, eq(monitorEvents.id, outbox.eventId))
    .innerJoin(notifyChannels, eq(notifyChannels.id, outbox.channelId))
    .leftJoin(servers, sql`${servers.id} = json_extract(${monitorEvents.details}, '$.serverId')`)
    .where(inArray(outbox.id, claimed));
  const ctx = contextLoader(deps, now);
  const fetchFn = deps.fetch ?? fetch;

  for (const { o, e, c, s } of rows) {
    counts.attempted++;
    let result: Attempt;
    let subscriptionId: number | null = null;
    if (!c.enabled) {
      result = { endpoint: c.name, method: '-', headers: {}, body: null, responseCode: null, error: 'Channel is disabled.' };
    } else {
      const services: Omit<ChannelServices, 'logger'> = { fetch: fetchFn, sendMail: deps.sendMail };
      if (c.kind === 'webpush') {
        const [sub] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, Number(o.target)));
        if (sub) {
          services.recipient = { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth };
          services.vapid = await ctx.vapid();
          subscriptionId = sub.id;
        }
      }
      const server: ServerFacts = s ? { name: s.name, alias: s.alias, note: s.note, url: s.url } : { name: e.details.serverId as string, alias: '', note: '', url: '' };
      const input = await composeInput(deps, e.kind, e.reminder, false, e.details as EventDetails, server, e.jobId, { templates: await ctx.templates(), timeZone: await ctx.timeZone() }, now);
      const message = composeMessage(input, CHANNELS[c.kind]?.maxLogChars ?? 2000);
      result = !services.recipient && c.kind === 'webpush'
        ? { endpoint: `subscription ${o.target}`, method: '-', headers: {}, body: null, responseCode: null, error: 'The push subscription was removed.', gone: true }
        : await attemptDelivery(deps, c, message, services, `outbox:${o.id}`, now);
    }
    const mine = and(eq(outbox.id, o.id), eq(outbox.attempts, o.attempts));
    if (!result.error) {
      counts.sent++;
      const writes: WriteGroup[number][] = [db.update(outbox).set({ status: 'sent', lastError: null, updatedAt: at }).where(mine)];
      if (subscriptionId) writes.push(db.update(pushSubscriptions).set({ lastSuccessAt: at }).where(eq(pushSubscriptions.id, subscriptionId)));
      await writer.write(writes as unknown as WriteGroup);
      continue;
    }
    const next = now.getTime() + retryDelayMs(o.attempts);
    const dead = (c.kind === 'webpush' && result.gone) || next > new Date(o.createdAt).getTime() + GIVE_UP_MS || !c.enabled;
    if (dead) counts.dead++;
    else counts.retrying++;
    const writes: WriteGroup[number][] = [
      db
        .update(outbox)
        .set({ status: dead ? 'dead' : 'pending', nextAttemptAt: dead ? at : new Date(next).toISOString(), lastError: result.error, updatedAt: at })
        .where(mine),
    ];
    if (c.kind === 'webpush' && result.gone && subscriptionId) writes.push(db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId)));
    await writer.write(writes as unknown as WriteGroup);
    if (dead) deps.logger.warn('delivery given up', { outboxId: o.id, channel: c.kind, error: result.error });
  }
  return counts;
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
