import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/db/database';

export type SyntheticOptions = {
  servers: number;
  jobsPerServer: number;
  runsPerJob: number;
  /** BeginTime of the newest run of each job. */
  end: Date;
  /** Time between runs of a job. */
  intervalMs?: number;
  /** Distinguishes the machines of several seedings into one database. */
  prefix?: string;
};

const STATUSES = ['Success', 'Success', 'Success', 'Success', 'Success', 'Success', 'Success', 'Warning', 'Success', 'Error'];

/**
 * Stores a large, deterministic history straight into the tables (the ingest path is measured
 * elsewhere): servers, jobs and daily runs with varied sizes, durations and statuses. The run
 * triggers keep jobs.run_count, jobs.last_run_id and totals as real ingest does.
 */
export async function seedSyntheticRuns(db: Database, o: SyntheticOptions): Promise<{ jobIds: number[] }> {
  const interval = o.intervalMs ?? 86_400_000;
  const at = o.end.toISOString();
  const jobIds: number[] = [];
  for (let s = 0; s < o.servers; s++) {
    const prefix = o.prefix ?? 'synthetic';
    const serverId = `${prefix}-machine-${String(s).padStart(4, '0')}`;
    await db.run(sql`INSERT INTO servers (id, name, created_at, updated_at) VALUES (${serverId}, ${`${prefix}-server-${s}`}, ${at}, ${at})`);
    for (let j = 0; j < o.jobsPerServer; j++) {
      const name = `${prefix}-job-${s}-${j}`;
      const [row] = await db.all<{ id: number }>(
        sql`INSERT INTO jobs (server_id, name, backup_id, created_at) VALUES (${serverId}, ${name}, ${`DB-${j + 1}`}, ${at}) RETURNING id`,
      );
      const jobId = row!.id;
      jobIds.push(jobId);
      const seed = s * 1000 + j;
      for (let start = 0; start < o.runsPerJob; start += 400) {
        const values = [];
        for (let r = start; r < Math.min(o.runsPerJob, start + 400); r++) {
          const begin = new Date(o.end.getTime() - (o.runsPerJob - 1 - r) * interval - seed * 60_000).toISOString();
          const status = STATUSES[(r * 7 + seed) % STATUSES.length]!;
          const size = 50_000_000_000 + ((r * 7919 + seed * 104729) % 1000) * 10_000_000 + r * 1_000_000;
          const uploaded = ((r * 31 + seed) % 200) * 5_000_000;
          values.push(sql`(${serverId}, ${jobId}, ${name}, ${`DB-${j + 1}`}, ${begin}, ${status}, ${600 + ((r * 13 + seed) % 900)},
            ${20_000 + (r % 500)}, ${size}, ${uploaded}, ${Math.floor(size * 0.6)}, ${Math.min(r + 1, 60)}, ${status === 'Warning' ? 2 : 0},
            ${status === 'Error' ? 1 : 0}, ${2_000 + r}, ${at})`);
        }
        await db.run(sql`INSERT INTO backup_runs (server_id, job_id, backup_name, backup_id, begin_time, status, duration_seconds,
          examined_files, size_of_examined_files, bytes_uploaded, known_file_size, backup_list_count, warnings_count,
          errors_count, known_file_count, created_at) VALUES ${sql.join(values, sql`, `)}`);
      }
    }
  }
  return { jobIds };
}
