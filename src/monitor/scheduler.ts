import { Cron } from 'croner';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { jobLog, settings } from '../db/schema/index';
import { applyRetention } from '../admin/retention';
import { deliverOutbox, type NotifyDeps } from '../notify/deliver';
import { sendDailyDigest } from '../notify/digest';
import { scanMonitors } from './overdue-scan';

/**
 * The cron expressions that drive every scan, on both runtimes: the Node scheduler (croner) and
 * Cloudflare Cron Triggers (wrangler.toml `[triggers] crons`, checked equal by a test). One
 * every-minute trigger dispatches the due scans, well inside the free plan's five triggers.
 */
export const SCHEDULER_CRONS = ['* * * * *'] as const;

export type SchedulerDeps = NotifyDeps & {
  /**
   * Workers: the delete slices one retention run may spend (each is a subrequest), so a large
   * cleanup spreads over successive ticks instead of failing the invocation. Unset on Node.
   */
  retentionSlices?: number;
};

type Scan = {
  name: string;
  /**
   * Daily scans run once per UTC day, at or after this hour. One whose counts carry `more: 1` left
   * work for later (it ran out of budget): it stays due, and the next tick continues it.
   */
  dailyAtHour?: number;
  run: (deps: SchedulerDeps, now: Date) => Promise<Record<string, number>>;
};

/**
 * In the order they run: state changes first, so their alerts go out in the same minute. Delivery
 * comes last: on Workers its batch is sized to the invocation's subrequest budget, and should an
 * invocation still run out, only deliveries are cut short (and retried), never a daily scan.
 */
export const SCANS: Scan[] = [
  { name: 'overdue-scan', run: (deps, now) => scanMonitors(deps.store, now) },
  { name: 'retention', dailyAtHour: 3, run: (deps, now) => applyRetention(deps.store, now, deps.retentionSlices) },
  { name: 'daily-digest', dailyAtHour: 7, run: (deps, now) => sendDailyDigest(deps, now) },
  { name: 'outbox-delivery', run: (deps, now) => deliverOutbox(deps, now) },
];

const dailyKey = (name: string) => `scheduler.daily.${name}`;
const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/** Claims today's run of a daily scan; only one claimer per day succeeds, across processes. */
async function claimDaily(db: Database, name: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(settings)
    .values({ key: dailyKey(name), value: utcDay(now), updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` }, setWhere: sql`${settings.value} <> excluded.value` })
    .returning({ key: settings.key });
  return rows.length > 0;
}

/** Gives today's claim back, so the next tick runs the scan again (only if nobody claimed since). */
async function releaseDaily(db: Database, name: string, now: Date): Promise<void> {
  await db.delete(settings).where(and(eq(settings.key, dailyKey(name)), eq(settings.value, utcDay(now))));
}

/** The error with its causes (a failed query's message says only which query; its cause says why). */
function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  const stack = err instanceof Error && err.stack ? `\n${err.stack.split('\n').slice(1).join('\n')}` : '';
  return `${parts.join(' — caused by: ')}${stack}`;
}

export type ScanOutcome = { name: string; status: 'Completed' | 'Failed'; durationMs: number; counts: Record<string, number>; error: string | null };

/**
 * Runs every scan due at `now` and writes one Scheduled Job Log row per scan run. A scan that
 * throws is logged as Failed and the others still run. The Workers `scheduled` handler and the
 * Node scheduler both call this with the trigger time.
 */
export async function runScheduled(deps: SchedulerDeps, now: Date): Promise<ScanOutcome[]> {
  const outcomes: ScanOutcome[] = [];
  const tickStarted = Date.now();
  for (const scan of SCANS) {
    if (scan.dailyAtHour !== undefined && (now.getUTCHours() < scan.dailyAtHour || !(await claimDaily(deps.store.db, scan.name, now)))) continue;
    const started = Date.now();
    let outcome: ScanOutcome;
    try {
      const counts = await scan.run(deps, now);
      outcome = { name: scan.name, status: 'Completed', durationMs: Date.now() - started, counts, error: null };
      if (scan.dailyAtHour !== undefined && counts.more) await releaseDaily(deps.store.db, scan.name, now);
    } catch (err) {
      deps.logger.error('scheduled scan failed', { scan: scan.name, err });
      outcome = { name: scan.name, status: 'Failed', durationMs: Date.now() - started, counts: {}, error: describeError(err) };
    }
    outcomes.push(outcome);
    try {
      await deps.store.db.insert(jobLog).values({ name: outcome.name, startedAt: new Date(now.getTime() + (started - tickStarted)).toISOString(), durationMs: outcome.durationMs, status: outcome.status, counts: outcome.counts, error: outcome.error });
    } catch (err) {
      deps.logger.error('could not write the Scheduled Job Log', { scan: scan.name, err });
    }
  }
  return outcomes;
}

/** Node: fires runScheduled on the shared cron expressions; overlapping runs are skipped, never stacked. */
export function startScheduler(deps: SchedulerDeps): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  const jobs = SCHEDULER_CRONS.map(
    (expr) =>
      new Cron(expr, { protect: true, catch: (err) => deps.logger.error('scheduler tick failed', { err }) }, async () => {
        running = runScheduled(deps, deps.clock());
        await running;
        running = null;
      }),
  );
  return {
    stop: async () => {
      for (const j of jobs) j.stop();
      await running;
    },
  };
}
