import { and, desc, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { errorLog } from '../db/schema/index';

export type ErrorEntry = { method: string; path: string; userId?: number | null; error: unknown };

/** Records an unhandled error; returns its id so the 500 response can cite it. */
export async function recordError(db: Database, entry: ErrorEntry, now: Date): Promise<number> {
  const err = entry.error instanceof Error ? entry.error : new Error(String(entry.error));
  const [row] = await db
    .insert(errorLog)
    .values({
      createdAt: now.toISOString(),
      method: entry.method,
      path: entry.path,
      userId: entry.userId ?? null,
      message: err.message.slice(0, 2000),
      stack: err.stack?.slice(0, 8000) ?? null,
    })
    .returning({ id: errorLog.id });
  return row!.id;
}

export function listErrors(db: Database, opts: { beforeId?: number; limit?: number } = {}) {
  return db
    .select()
    .from(errorLog)
    .where(opts.beforeId ? lt(errorLog.id, opts.beforeId) : undefined)
    .orderBy(desc(errorLog.id))
    .limit(Math.min(opts.limit ?? 50, 500));
}

export async function countErrorsSince(db: Database, sinceIso: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(errorLog).where(and(sql`${errorLog.createdAt} >= ${sinceIso}`));
  return Number(row?.n ?? 0);
}
