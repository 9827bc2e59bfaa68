import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { apiKeys } from '../db/schema/index';
import { randomToken, sha256Hex } from './secrets';

const LAST_USED_RESOLUTION_MS = 60_000;

export type CreatedApiKey = { id: number; name: string; key: string; prefix: string };

/** Creates a named key; the plaintext is returned once and only its SHA-256 is stored. */
export async function createApiKey(db: Database, name: string, now: Date, createdBy: number | null = null): Promise<CreatedApiKey> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new Error('An API key needs a name of 1 to 100 characters.');
  const prefix = randomToken(6);
  const key = `bw_${prefix}_${randomToken(32)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ name: trimmed, prefix, keyHash: await sha256Hex(key), createdAt: now.toISOString(), createdBy })
    .returning({ id: apiKeys.id });
  return { id: row!.id, name: trimmed, key, prefix };
}

/** `firstUseToday` is true on the first use of a UTC day, which is what the audit log records. */
export type VerifiedApiKey = { id: number; name: string; firstUseToday: boolean };

/**
 * Looks a presented key up by its hash (the hash comparison happens in the index, so timing says
 * nothing about the key) and records when it was last used, at most once a minute per key.
 */
export async function verifyApiKey(db: Database, presented: string, now: Date): Promise<VerifiedApiKey | null> {
  if (!presented.startsWith('bw_')) return null;
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, await sha256Hex(presented)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  const stale = !row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS;
  if (stale) await db.update(apiKeys).set({ lastUsedAt: now.toISOString() }).where(eq(apiKeys.id, row.id));
  const firstUseToday = row.lastUsedAt?.slice(0, 10) !== now.toISOString().slice(0, 10);
  return { id: row.id, name: row.name, firstUseToday };
}

export function listApiKeys(db: Database) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(desc(apiKeys.id));
}

export async function revokeApiKey(db: Database, id: number, now: Date): Promise<boolean> {
  const res = await db.update(apiKeys).set({ revokedAt: now.toISOString() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
  return res.length > 0;
}

export async function countActiveApiKeys(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(apiKeys).where(isNull(apiKeys.revokedAt));
  return Number(row?.n ?? 0);
}
