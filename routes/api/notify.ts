import { Hono, type Context } from 'hono';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../src/deps';
import { notifyChannels, outbox, pushSubscriptions } from '../../src/db/schema/index';
import { requireRole } from '../../src/auth/guard';
import { currentSession } from '../../src/auth/principal';
import { HttpError } from '../../src/http/errors';
import { readJsonBody } from '../../src/http/json-body';
import { CHANNELS } from '../../src/notify/channels/index';
import { vapidKeys, vapidSubject } from '../../src/notify/channels/webpush/vapid';
import { composeMessage } from '../../src/notify/compose';
import { composeInput, sendTest } from '../../src/notify/deliver';
import { NOTIFY_LANGUAGES, type NotifyLanguage } from '../../src/notify/messages';
import { sampleEvent } from '../../src/notify/sample';
import { sealSecret } from '../../src/notify/secret-box';
import { forgetRecipients } from '../../src/notify/targets';
import { loadTemplateSettings, saveTemplateSettings, templateSettingsSchema } from '../../src/notify/templates';
import { GLOBAL_SCOPE, scopeSettings } from '../../src/monitor/settings';

const EVENT_KINDS = ['success', 'warning', 'failed', 'overdue', 'recovered'] as const;
const EVENT_FILTERS = ['off', 'all', 'warnings', 'errors'] as const;
const CONFIGURABLE = Object.keys(CHANNELS).filter((k) => k !== 'webpush') as [string, ...string[]];

const channelBody = z.object({
  kind: z.enum(CONFIGURABLE),
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  config: z.record(z.string(), z.unknown()),
  /** A new secret; omit to keep the stored one, null to remove it. */
  secret: z.string().min(1).max(4096).nullable().optional(),
});
const channelPatch = channelBody.omit({ kind: true }).partial();

const subscriptionBody = z.object({
  endpoint: z.string().url().max(2048),
  keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }),
  label: z.string().max(100).default(''),
  events: z.enum(EVENT_FILTERS).default('warnings'),
  jobIds: z.array(z.number().int().positive()).max(1000).nullable().default(null),
});
const subscriptionPatch = subscriptionBody.pick({ label: true, events: true, jobIds: true }).partial();

const previewBody = z.object({
  kind: z.enum(EVENT_KINDS),
  language: z.enum(NOTIFY_LANGUAGES as [NotifyLanguage, ...NotifyLanguage[]]).optional(),
  /** A template being edited; the stored one otherwise. */
  template: z.object({ title: z.string().max(500), body: z.string().max(10_000) }).optional(),
  channel: z.enum(Object.keys(CHANNELS) as [string, ...string[]]).default('email'),
});

type ChannelRow = typeof notifyChannels.$inferSelect;

/** A channel as the API shows it: never the secret, only whether one is stored. */
const publicChannel = ({ secret, ...rest }: ChannelRow) => ({ ...rest, hasSecret: secret !== null });

function validConfig(kind: string, config: unknown) {
  const def = CHANNELS[kind]!;
  const parsed = def.configSchema.safeParse(config);
  if (!parsed.success) throw new HttpError(400, `Invalid ${kind} settings.`, { issues: parsed.error.issues.map((i) => `config.${i.path.join('.')}: ${i.message}`) });
  return parsed.data as Record<string, unknown>;
}

function userId(c: Context): number {
  const session = currentSession(c);
  if (!session) throw new HttpError(401, 'Log in first.');
  return session.user.id;
}

/**
 * /api/notify: channels, templates, preview and test sends (admins); web push subscriptions
 * (each user manages their own devices and what they want to hear about).
 */
export function notifyRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const admin = requireRole(deps, 'admin');
  const vapid = () => vapidKeys(store, deps.secretKey, vapidSubject(deps.config.publicUrl), clock());

  async function channel(id: string): Promise<ChannelRow> {
    const [row] = /^\d+$/.test(id) ? await db.select().from(notifyChannels).where(eq(notifyChannels.id, Number(id))) : [];
    if (!row) throw new HttpError(404, `No notification channel with id ${id}.`);
    return row;
  }

  async function previewMessage(kind: (typeof EVENT_KINDS)[number], language: NotifyLanguage | undefined, channelKind: string, template?: { title: string; body: string }, test = false) {
    const now = clock();
    const stored = await loadTemplateSettings(db);
    const templates = language ? { ...stored, language } : stored;
    const timeZone = (await scopeSettings(db, GLOBAL_SCOPE))?.timeZone ?? 'UTC';
    const sample = sampleEvent(kind, now);
    const input = await composeInput(deps, kind, false, test, sample.details, sample.server, sample.jobId, { templates, timeZone }, now);
    if (template) input.templates = { ...input.templates, [kind]: template };
    return composeMessage(input, CHANNELS[channelKind]?.maxLogChars ?? 2000);
  }

  return new Hono()
    .use('*', async (c, next) => {
      await next();
      if (c.req.method !== 'GET') forgetRecipients(db);
    })
    .get('/channels', admin, async (c) => c.json({ channels: (await db.select().from(notifyChannels).orderBy(notifyChannels.id)).map(publicChannel), kinds: Object.keys(CHANNELS) }))
    .post('/channels', admin, async (c) => {
      const body = await readJsonBody(c, channelBody);
      const at = clock().toISOString();
      const [row] = await db
        .insert(notifyChannels)
        .values({ kind: body.kind, name: body.name, enabled: body.enabled, config: validConfig(body.kind, body.config), secret: body.secret ? await sealSecret(deps.secretKey, body.secret) : null, createdAt: at, updatedAt: at })
        .returning();
      return c.json({ channel: publicChannel(row!) }, 201);
    })
    .put('/channels/:id', admin, async (c) => {
      const existing = await channel(c.req.param('id'));
      const body = await readJsonBody(c, channelPatch);
      const changes: Partial<ChannelRow> = { updatedAt: clock().toISOString() };
      if (body.name !== undefined) changes.name = body.name;
      if (body.enabled !== undefined) changes.enabled = body.enabled;
      if (body.config !== undefined) changes.config = validConfig(existing.kind, body.config);
      if (body.secret !== undefined) changes.secret = body.secret === null ? null : await sealSecret(deps.secretKey, body.secret);
      const [row] = await db.update(notifyChannels).set(changes).where(eq(notifyChannels.id, existing.id)).returning();
      return c.json({ channel: publicChannel(row!) });
    })
    .delete('/channels/:id', admin, async (c) => {
      const existing = await channel(c.req.param('id'));
      if (existing.kind === 'webpush') throw new HttpError(400, 'Web push is built in; disable it instead of deleting it.');
      await db.delete(notifyChannels).where(eq(notifyChannels.id, existing.id));
      return c.json({ deleted: existing.id });
    })
    .post('/channels/:id/test', admin, async (c) => {
      const existing = await channel(c.req.param('id'));
      const message = await previewMessage('failed', undefined, existing.kind, undefined, true);
      if (existing.kind !== 'webpush') {
        const attempt = await sendTest(deps, existing, message);
        return c.json({ ok: !attempt.error, responseCode: attempt.responseCode, error: attempt.error }, attempt.error ? 502 : 200);
      }
      const subs = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId(c)));
      if (subs.length === 0) throw new HttpError(400, 'This account has no push subscription: enable notifications on a device first.');
      const keys = await vapid();
      const results = [];
      for (const s of subs) {
        const attempt = await sendTest(deps, existing, message, { recipient: { endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth }, vapid: keys });
        if (attempt.gone) await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, s.id));
        results.push({ subscriptionId: s.id, ok: !attempt.error, responseCode: attempt.responseCode, error: attempt.error });
      }
      return c.json({ ok: results.every((r) => r.ok), results }, results.every((r) => r.ok) ? 200 : 502);
    })
    .get('/templates', admin, async (c) => c.json({ settings: await loadTemplateSettings(db), languages: NOTIFY_LANGUAGES }))
    .put('/templates', admin, async (c) => {
      const value = await readJsonBody(c, templateSettingsSchema);
      await saveTemplateSettings(db, value, clock());
      return c.json({ settings: value });
    })
    .post('/preview', admin, async (c) => {
      const body = await readJsonBody(c, previewBody);
      const m = await previewMessage(body.kind, body.language, body.channel, body.template);
      return c.json({ title: m.title, body: m.body, url: m.url, variables: m.vars });
    })
    .get('/outbox', admin, async (c) => {
      const status = c.req.query('status');
      const rows = await db
        .select()
        .from(outbox)
        .where(status ? eq(outbox.status, status as 'pending') : undefined)
        .orderBy(desc(outbox.id))
        .limit(200);
      return c.json({ deliveries: rows });
    })
    .get('/push/key', async (c) => c.json({ publicKey: (await vapid()).publicKey }))
    .get('/push/subscriptions', async (c) => c.json({ subscriptions: await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId(c))) }))
    .post('/push/subscriptions', async (c) => {
      const body = await readJsonBody(c, subscriptionBody);
      const owner = userId(c);
      await vapid();
      const values = { userId: owner, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth, label: body.label, events: body.events, jobIds: body.jobIds };
      const [row] = await db
        .insert(pushSubscriptions)
        .values({ ...values, createdAt: clock().toISOString() })
        .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
        .returning();
      return c.json({ subscription: row }, 201);
    })
    .put('/push/subscriptions/:id', async (c) => {
      const body = await readJsonBody(c, subscriptionPatch);
      const [row] = await db
        .update(pushSubscriptions)
        .set(body)
        .where(and(eq(pushSubscriptions.id, Number(c.req.param('id')) || 0), eq(pushSubscriptions.userId, userId(c))))
        .returning();
      if (!row) throw new HttpError(404, 'No such push subscription on this account.');
      return c.json({ subscription: row });
    })
    .delete('/push/subscriptions/:id', async (c) => {
      const [row] = await db
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.id, Number(c.req.param('id')) || 0), eq(pushSubscriptions.userId, userId(c))))
        .returning({ id: pushSubscriptions.id });
      if (!row) throw new HttpError(404, 'No such push subscription on this account.');
      return c.json({ deleted: row.id });
    });
}
