import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { backupRuns, jobs, servers, totals } from '../db/schema/index';

export type ServerLookup =
  | { found: true; server: typeof servers.$inferSelect }
  | { found: false; reason: 'unknown' }
  | { found: false; reason: 'ambiguous'; candidates: { id: string; name: string }[] };

/** Finds a server by machine-id, then by name (names can repeat across machines). */
export async function findServer(db: Database, idOrName: string): Promise<ServerLookup> {
  const [byId] = await db.select().from(servers).where(eq(servers.id, idOrName));
  if (byId) return { found: true, server: byId };
  const byName = await db.select().from(servers).where(eq(servers.name, idOrName)).limit(20);
  if (byName.length === 0) return { found: false, reason: 'unknown' };
  if (byName.length > 1) return { found: false, reason: 'ambiguous', candidates: byName.map((s) => ({ id: s.id, name: s.name })) };
  return { found: true, server: byName[0]! };
}

/** The server's jobs with their latest run each (one indexed lookup per job via last_run_id). */
export async function latestRunsOfServer(db: Database, serverId: string) {
  const serverJobs = await db.select().from(jobs).where(eq(jobs.serverId, serverId)).orderBy(asc(jobs.name));
  const ids = serverJobs.map((j) => j.lastRunId).filter((id): id is number => id !== null);
  const runs = ids.length ? await db.select().from(backupRuns).where(inArray(backupRuns.id, ids)) : [];
  const byId = new Map(runs.map((r) => [r.id, r]));
  return serverJobs.map((job) => ({ job, run: job.lastRunId === null ? undefined : byId.get(job.lastRunId) }));
}

export type Summary = {
  totalServers: number;
  totalBackupsRuns: number;
  totalBackups: number;
  totalUploadedSize: number;
  totalStorageUsed: number;
  totalBackupSize: number;
  lastBackupAt: string | null;
};

/** Totals for the summary from counters and the latest run per job, never a scan of all runs. */
export async function summarize(db: Database): Promise<Summary> {
  const [counts] = await db
    .select({
      totalServers: sql<number>`(SELECT count(*) FROM ${servers})`,
      totalBackups: sql<number>`(SELECT count(*) FROM ${jobs})`,
      totalBackupsRuns: sql<number>`coalesce((SELECT ${totals.runs} FROM ${totals} WHERE ${totals.id} = 1), 0)`,
      totalUploadedSize: sql<number>`coalesce((SELECT ${totals.uploadedBytes} FROM ${totals} WHERE ${totals.id} = 1), 0)`,
      lastBackupAt: sql<string | null>`(SELECT max(${jobs.lastBeginTime}) FROM ${jobs})`,
    })
    .from(sql`(SELECT 1)`);
  const [latest] = await db
    .select({
      storage: sql<number>`coalesce(sum(${backupRuns.knownFileSize}), 0)`,
      size: sql<number>`coalesce(sum(${backupRuns.sizeOfExaminedFiles}), 0)`,
    })
    .from(jobs)
    .innerJoin(backupRuns, eq(backupRuns.id, jobs.lastRunId));
  return {
    totalServers: Number(counts?.totalServers ?? 0),
    totalBackups: Number(counts?.totalBackups ?? 0),
    totalBackupsRuns: Number(counts?.totalBackupsRuns ?? 0),
    totalUploadedSize: Number(counts?.totalUploadedSize ?? 0),
    totalStorageUsed: Number(latest?.storage ?? 0),
    totalBackupSize: Number(latest?.size ?? 0),
    lastBackupAt: counts?.lastBackupAt ?? null,
  };
}
