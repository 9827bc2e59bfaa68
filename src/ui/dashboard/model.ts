import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { backupRuns, jobs, monitors, servers } from '../../db/schema/index';
import { summarize } from '../../backups/read-model';
import { jobHealth } from './job-list';
import type { DashboardData, DashboardJob, HistoryRun } from './types';

/** Runs per job in the dashboard's history strip. */
export const HISTORY_LENGTH = 15;

/** FNV-1a, to keep the ETag short whatever the number of servers. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * A cheap fingerprint of everything the dashboard shows: newest run, run count, every monitor's
 * change counter and the servers' names and aliases. Equal fingerprints mean an auto-refresh can
 * answer 304, and a page can reuse its last read, without loading anything.
 */
export async function dashboardVersion(db: Database): Promise<string> {
  const [row] = await db
    .select({
      lastRun: sql<number | null>`(SELECT max(${backupRuns.id}) FROM ${backupRuns})`,
      jobs: sql<number>`(SELECT count(*) FROM ${jobs})`,
      runs: sql<number>`(SELECT coalesce(sum(${jobs.runCount}), 0) FROM ${jobs})`,
      monitors: sql<string>`(SELECT coalesce(sum(${monitors.version}), 0) || '.' || count(*) || '.' || coalesce(max(${monitors.updatedAt}), '') FROM ${monitors})`,
      servers: sql<string | null>`(SELECT group_concat(${servers.name} || char(31) || ${servers.alias}, char(30)) FROM ${servers})`,
    })
    .from(sql`(SELECT 1)`);
  return [row?.lastRun ?? 0, row?.jobs ?? 0, row?.runs ?? 0, row?.monitors ?? 0, fnv1a(row?.servers ?? '')].join('-');
}

/** The last dashboard read per database: reused while its version is unchanged (pages and refreshes read it often). */
const lastRead = new WeakMap<Database, DashboardData>();

/** Every job with its latest run, monitoring state and recent history, in four indexed queries. */
export async function loadDashboard(db: Database, now: Date): Promise<DashboardData> {
  const version = await dashboardVersion(db);
  const previous = lastRead.get(db);
  if (previous?.version === version) return { ...previous, generatedAt: now.toISOString() };
  const data = await readDashboard(db, version, now);
  lastRead.set(db, data);
  return data;
}

async function readDashboard(db: Database, version: string, now: Date): Promise<DashboardData> {
  const [totals, rows, history] = await Promise.all([
    summarize(db),
    db
      .select({
        id: jobs.id,
        name: jobs.name,
        serverId: jobs.serverId,
        serverName: servers.name,
        serverAlias: servers.alias,
        runCount: jobs.runCount,
        lastStatus: jobs.lastStatus,
        lastRunAt: jobs.lastBeginTime,
        state: monitors.state,
        nextDueAt: monitors.nextDueAt,
        durationSeconds: backupRuns.durationSeconds,
        examinedSize: backupRuns.sizeOfExaminedFiles,
        storageUsed: backupRuns.knownFileSize,
        versions: backupRuns.backupListCount,
      })
      .from(jobs)
      .innerJoin(servers, eq(servers.id, jobs.serverId))
      .leftJoin(monitors, eq(monitors.jobId, jobs.id))
      .leftJoin(backupRuns, eq(backupRuns.id, jobs.lastRunId)),
    // The newest runs of each job through the (job_id, begin_time) index, never a scan of all runs;
    // one JSON row per job, since the driver's per-row cost would dominate for thousands of runs.
    db.all<{ job_id: number; runs: string }>(sql`
      SELECT job_id, json_group_array(json_array(id, status, begin_time)) AS runs FROM (
        SELECT r.job_id, r.id, r.status, r.begin_time FROM ${jobs} j
        JOIN ${backupRuns} r ON r.id IN (
          SELECT id FROM ${backupRuns} WHERE job_id = j.id ORDER BY begin_time DESC LIMIT ${HISTORY_LENGTH}
        )
      ) GROUP BY job_id`),
  ]);

  const byJob = new Map(history.map((r) => [r.job_id, JSON.parse(r.runs) as HistoryRun[]]));
  const jobList: DashboardJob[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    serverId: r.serverId,
    serverName: r.serverAlias || r.serverName,
    lastStatus: r.lastStatus,
    state: r.state,
    lastRunAt: r.lastRunAt,
    nextDueAt: r.nextDueAt,
    durationSeconds: r.durationSeconds,
    examinedSize: r.examinedSize,
    storageUsed: r.storageUsed,
    versions: r.versions,
    runCount: r.runCount,
    history: (byJob.get(r.id) ?? []).sort((a, b) => a[2].localeCompare(b[2])),
  }));

  const serverNames = new Map<string, string>();
  for (const j of jobList) serverNames.set(j.serverId, j.serverName);
  return {
    generatedAt: now.toISOString(),
    version,
    summary: {
      servers: totals.totalServers,
      jobs: totals.totalBackups,
      runs: totals.totalBackupsRuns,
      failed: jobList.filter((j) => jobHealth(j) === 'bad').length,
      overdue: jobList.filter((j) => j.state === 'overdue').length,
      uploaded: totals.totalUploadedSize,
      storage: totals.totalStorageUsed,
      lastBackupAt: totals.lastBackupAt,
    },
    servers: [...serverNames].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    jobs: jobList,
  };
}
