import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export type Role = 'admin' | 'user' | 'viewer';

/** Accounts; `username` is stored lower-cased so names are unique regardless of case. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull(),
  role: text('role').$type<Role>().notNull(),
  /** Versioned PHC-style string, e.g. `$scrypt$v=1$ln=17,r=8,p=1$salt$hash`. */
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  disabledAt: text('disabled_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  passwordChangedAt: text('password_changed_at'),
  lastLoginAt: text('last_login_at'),
  lastSeenAt: text('last_seen_at'),
}, (t) => [uniqueIndex('users_username_uq').on(t.username)]);

/** Server-side sessions; the cookie carries a signed token naming `id`, which is a SHA-256 of the secret session id. */
export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
  /** Absolute expiry; the idle timeout is measured from `lastSeenAt`. */
  expiresAt: text('expires_at').notNull(),
  address: text('address'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]);

/** Failed-login counters per account (`user:<name>`) and per source address (`addr:<ip>`). */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: text('last_failure_at').notNull(),
  blockedUntil: text('blocked_until'),
});

export type ActorType = 'admin' | 'user' | 'viewer' | 'api_key' | 'anonymous' | 'system';

/** Security-relevant events: logins, logouts, password changes, user, key and settings changes. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: text('created_at').notNull(),
  action: text('action').notNull(),
  actorType: text('actor_type').$type<ActorType>().notNull(),
  actorId: integer('actor_id'),
  actorName: text('actor_name'),
  target: text('target'),
  address: text('address'),
  userAgent: text('user_agent'),
  details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
}, (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_action_idx').on(t.action, t.createdAt)]);
