import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { backupRuns, jobs } from '../db/schema/index';

export const RUN_SORTS = ['begin', 'duration', 'size', 'uploaded'] as const;
export type RunSort = (typeof RUN_SORTS)[number];
const SORT_COLUMN = { begin: backupRuns.beginTime, duration: backupRuns.durationSeconds, size: backupRuns.sizeOfExaminedFiles, uploaded: backupRuns.bytesUploaded };

export type Paging = { page: number; pages: number; total: number; size: number };

/** A 1-based page number from a query parameter, clamped to the pages that exist. */
export function pageOf(param: string | undefined, total: number, size: number): Paging {
  const pages = Math.max(1, Math.ceil(total / size));
  const asked = Number.parseInt(param ?? '1', 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  return { page, pages, total, size };
}

/** One page of runs of a server or job, sorted by a whitelisted column; the count comes from jobs.run_count. */
export async function runPage(db: Database, where: { serverId: string } | { jobId: number }, sort: RunSort, dir: 'asc' | 'desc', pageParam: string | undefined, size = 50) {
  const jobFilter: SQL = 'serverId' in where ? eq(jobs.serverId, where.serverId) : eq(jobs.id, where.jobId);
  const runFilter: SQL = 'serverId' in where ? eq(backupRuns.serverId, where.serverId) : eq(backupRuns.jobId, where.jobId);
  const [count] = await db.select({ n: sql<number>`coalesce(sum(${jobs.runCount}), 0)` }).from(jobs).where(jobFilter);
  const paging = pageOf(pageParam, Number(count?.n ?? 0), size);
  const order = dir === 'asc' ? asc(SORT_COLUMN[sort]) : desc(SORT_COLUMN[sort]);
  const rows = await db
    .select({
      id: backupRuns.id,
      jobId: backupRuns.jobId,
      jobName: jobs.name,
      beginTime: backupRuns.beginTime,
      status: backupRuns.status,
      durationSeconds: backupRuns.durationSeconds,
      size: backupRuns.sizeOfExaminedFiles,
      uploaded: backupRuns.bytesUploaded,
      warnings: backupRuns.warningsCount,
      errors: backupRuns.errorsCount,
    })
    .from(backupRuns)
    .innerJoin(jobs, eq(jobs.id, backupRuns.jobId))
    .where(and(runFilter))
    .orderBy(order, desc(backupRuns.id))
    .limit(size)
    .offset((paging.page - 1) * size);
  return { rows, paging };
}

export const LINE_KINDS = ['messages', 'warnings', 'errors', 'availableVersions'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
const LINE_COLUMN: Record<LineKind, string> = { messages: 'messages', warnings: 'warnings', errors: 'errors', availableVersions: 'available_versions' };

/**
 * One page of a run's stored log lines (or versions), read by SQLite's json_each so a run with a
 * huge log is never loaded whole.
 */
export async function linePage(db: Database, runId: number, kind: LineKind, pageParam: string | undefined, size = 100) {
  const column = sql.raw(LINE_COLUMN[kind]);
  const [count] = await db.all<{ n: number }>(sql`SELECT json_array_length(${column}) AS n FROM ${backupRuns} WHERE id = ${runId}`);
  const paging = pageOf(pageParam, Number(count?.n ?? 0), size);
  const lines = await db.all<{ value: string }>(
    sql`SELECT j.value AS value FROM ${backupRuns} r, json_each(r.${column}) j WHERE r.id = ${runId} ORDER BY j.key LIMIT ${size} OFFSET ${(paging.page - 1) * size}`,
  );
  return { lines: lines.map((l) => String(l.value)), paging };
}
