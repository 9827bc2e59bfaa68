import { sql, type Placeholder } from 'drizzle-orm';
import type { BoundWrite } from './writer';
import type { Database } from './database';

/**
 * A query built once per database with `sql.placeholder()` values, then bound per call. Building
 * a drizzle query costs more than running it on the embedded database, so the statements every
 * upload runs are built this way (drizzle's own prepared-statement pattern).
 */
export function preparedOnce<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}

/** `{ key: sql.placeholder('key') }` for each key: the values of an insert or update built once. */
export function placeholders<K extends string>(keys: readonly K[]): { [P in K]: Placeholder<P> } {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as { [P in K]: Placeholder<P> };
}

/** Binds a prepared write to this call's values; a value left out is stored as NULL. */
export function bind<K extends string>(prepared: BoundWrite['prepared'], keys: readonly K[], values: { [P in K]?: unknown }): BoundWrite {
  const filled: Record<string, unknown> = {};
  for (const k of keys) filled[k] = values[k] ?? null;
  return { prepared, values: filled };
}
