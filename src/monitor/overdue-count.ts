import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { monitors } from '../db/schema/index';

/** Jobs whose monitor is overdue (past due plus grace), for the summary and duplistatus' overdueBackupsCount. */
export async function overdueJobCount(db: Database): Promise<number> {
  return db.$count(monitors, eq(monitors.state, 'overdue'));
}
