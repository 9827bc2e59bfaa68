import { index, integer, sqliteTable, text, blob } from 'drizzle-orm/sqlite-core';

export type IntegrationDirection = 'inbound' | 'outbound';
export type IntegrationStatus = 'Queued' | 'Completed' | 'Failed';
/** How a stored body is compressed: brotli since it became the cheaper of the two; gzip for older rows. */
export type BodyEncoding = 'br' | 'gzip';

/** Every inbound webhook (upload) and every outbound delivery, with its stored body for replay. */
export const integrationRequests = sqliteTable('integration_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  direction: text('direction').$type<IntegrationDirection>().notNull(),
  kind: text('kind').notNull(),
  endpoint: text('endpoint').notNull(),
  method: text('method').notNull(),
  status: text('status').$type<IntegrationStatus>().notNull(),
  error: text('error'),
  responseCode: integer('response_code'),
  headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  /** The request body, compressed as `bodyEncoding` says. */
  body: blob('body', { mode: 'buffer' }),
  bodyEncoding: text('body_encoding').$type<BodyEncoding>().notNull().default('gzip'),
  bodyBytes: integer('body_bytes').notNull().default(0),
  sourceAddress: text('source_address'),
  /** For uploads: the Duplicati operation; for deliveries: the channel. */
  operation: text('operation'),
  reference: text('reference'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  index('integration_requests_created_idx').on(t.createdAt),
  index('integration_requests_status_idx').on(t.status, t.createdAt),
]);

/** Every unhandled server error. */
export const errorLog = sqliteTable('error_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: text('created_at').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  userId: integer('user_id'),
  message: text('message').notNull(),
  stack: text('stack'),
}, (t) => [index('error_log_created_idx').on(t.createdAt)]);

/** One row per run of a scheduled job. */
export const jobLog = sqliteTable('job_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  startedAt: text('started_at').notNull(),
  durationMs: integer('duration_ms').notNull(),
  status: text('status').$type<'Completed' | 'Failed'>().notNull(),
  counts: text('counts', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  error: text('error'),
}, (t) => [index('job_log_started_idx').on(t.startedAt), index('job_log_status_idx').on(t.status, t.startedAt)]);

/** Small key/value store for instance settings (generated upload token, toggles, keys). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});
