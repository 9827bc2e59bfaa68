import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { settings } from '../db/schema/index';

export async function getSetting<T>(db: Database, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function putSetting(db: Database, key: string, value: unknown, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } });
}

/** Returns the stored value, or stores `make()` unless another writer stored one first. */
export async function getOrCreateSetting<T>(db: Database, key: string, make: () => T, now: Date): Promise<T> {
  await db.insert(settings).values({ key, value: make(), updatedAt: now.toISOString() }).onConflictDoNothing();
  return (await getSetting<T>(db, key)) as T;
}
