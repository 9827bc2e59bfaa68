import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Dashboard preferences of one person. `owner` is `user:<id>` for a signed-in user, or
 * `visitor:<random id>` from a cookie when pages are not behind accounts.
 */
export const uiPrefs = sqliteTable('ui_prefs', {
  owner: text('owner').primaryKey(),
  /** A catalogue name (en, fr, ...) or '' to follow the browser. */
  locale: text('locale').notNull().default(''),
  /** 'system', 'light' or 'dark'. */
  theme: text('theme').notNull().default('system'),
  /** Jobs shown as 'cards' or 'table'. */
  layout: text('layout').notNull().default('cards'),
  /** Dashboard auto-refresh in seconds; 0 is off. */
  refreshSeconds: integer('refresh_seconds').notNull().default(60),
  updatedAt: text('updated_at').notNull(),
});
