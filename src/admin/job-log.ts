import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { jobLog } from '../db/schema/index';

export type JobLogFilter = { status?: 'Completed' | 'Failed'; name?: string; beforeId?: number; limit?: number };

/** Scheduled Job Log, newest first, keyset-paginated by id. */
export function listJobRuns(db: Database, f: JobLogFilter = {}) {
  const where: SQL[] = [];
  if (f.status) where.push(eq(jobLog.status, f.status));
  if (f.name) where.push(eq(jobLog.name, f.name));
  if (f.beforeId) where.push(lt(jobLog.id, f.beforeId));
  return db.select().from(jobLog).where(where.length ? and(...where) : undefined).orderBy(desc(jobLog.id)).limit(Math.min(f.limit ?? 50, 500));
}

export async function getJobRun(db: Database, id: number) {
  const [row] = await db.select().from(jobLog).where(eq(jobLog.id, id));
  return row;
}

export async function jobNames(db: Database): Promise<string[]> {
  return (await db.selectDistinct({ name: jobLog.name }).from(jobLog).orderBy(jobLog.name)).map((r) => r.name);
}

export async function countFailedJobRunsSince(db: Database, sinceIso: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(jobLog).where(and(eq(jobLog.status, 'Failed'), gte(jobLog.startedAt, sinceIso)));
  return Number(row?.n ?? 0);
}
