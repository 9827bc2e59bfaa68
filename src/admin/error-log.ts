import { and, desc, eq, gte, like, lt, lte, or, sql, getTableColumns, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { errorLog, users } from '../db/schema/index';

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

export type ErrorFilter = { beforeId?: number; limit?: number; text?: string; method?: string; from?: string; to?: string };

/** Newest first, keyset-paginated; `text` matches the path or the message. */
export function listErrors(db: Database, opts: ErrorFilter = {}) {
  const where: SQL[] = [];
  if (opts.beforeId) where.push(lt(errorLog.id, opts.beforeId));
  if (opts.method) where.push(eq(errorLog.method, opts.method.toUpperCase()));
  if (opts.from) where.push(gte(errorLog.createdAt, opts.from));
  if (opts.to) where.push(lte(errorLog.createdAt, opts.to));
  if (opts.text) where.push(or(like(errorLog.path, `%${opts.text}%`), like(errorLog.message, `%${opts.text}%`))!);
  const { stack: _stack, ...columns } = getTableColumns(errorLog);
  return db
    .select({ ...columns, username: users.username })
    .from(errorLog)
    .leftJoin(users, eq(users.id, errorLog.userId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(errorLog.id))
    .limit(Math.min(opts.limit ?? 50, 500));
}

/** One entry with its stack and the name of the user whose request failed, if any. */
export async function getError(db: Database, id: number) {
  const [row] = await db.select({ ...getTableColumns(errorLog), username: users.username }).from(errorLog).leftJoin(users, eq(users.id, errorLog.userId)).where(eq(errorLog.id, id));
  return row;
}

export async function deleteError(db: Database, id: number): Promise<boolean> {
  return (await db.delete(errorLog).where(eq(errorLog.id, id)).returning({ id: errorLog.id })).length > 0;
}

export async function clearErrors(db: Database): Promise<number> {
  return (await db.delete(errorLog).returning({ id: errorLog.id })).length;
}

export async function countErrorsSince(db: Database, sinceIso: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(errorLog).where(and(sql`${errorLog.createdAt} >= ${sinceIso}`));
  return Number(row?.n ?? 0);
}
