import type { Database } from '../db/database';

/**
 * Jobs currently overdue. Expected schedules do not exist yet, so no job can be overdue;
 * the monitoring scans replace this with a count over job states.
 */
export async function overdueJobCount(_db: Database): Promise<number> {
  return 0;
}
