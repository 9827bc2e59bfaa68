import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { monitorEvents, type EventFilter } from './monitor';
import { users } from './auth';

/** A configured notification channel (ntfy, e-mail, webhook, web push). Secrets are stored encrypted. */
export const notifyChannels = sqliteTable('notify_channels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Non-secret settings, validated by the channel's schema. */
  config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** AES-GCM ciphertext of the channel's secret (password, token, signing secret), or null. */
  secret: text('secret'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** One browser/device subscribed to web push, with its owner's choice of events and jobs. */
export const pushSubscriptions = sqliteTable('push_subscriptions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  endpoint: text('endpoint').notNull(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  label: text('label').notNull().default(''),
  events: text('events').$type<EventFilter>().notNull().default('warnings'),
  /** Job ids this device wants; null = all jobs. */
  jobIds: text('job_ids', { mode: 'json' }).$type<number[]>(),
  createdAt: text('created_at').notNull(),
  lastSuccessAt: text('last_success_at'),
}, (t) => [uniqueIndex('push_subscriptions_endpoint_uq').on(t.endpoint)]);

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

/**
 * Durable queue of deliveries. `key` (event + channel + target) is unique, so an event is queued
 * once per target however often it is evaluated. Claims are conditional updates on `attempts`.
 */
export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull(),
  eventId: integer('event_id').notNull().references(() => monitorEvents.id, { onDelete: 'cascade' }),
  channelId: integer('channel_id').notNull().references(() => notifyChannels.id, { onDelete: 'cascade' }),
  /** 'default', or the push subscription id for web push. */
  target: text('target').notNull(),
  status: text('status').$type<OutboxStatus>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at').notNull(),
  lastError: text('last_error'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('outbox_key_uq').on(t.key), index('outbox_due_idx').on(t.status, t.nextAttemptAt)]);
