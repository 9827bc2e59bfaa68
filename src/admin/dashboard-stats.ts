import { and, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { auditLog, users, type ActorType } from '../db/schema/index';
import { countErrorsSince } from './error-log';
import { countIntegrationRequests } from './integration-requests';
import { countFailedJobRunsSince } from './job-log';

const DAY = 86_400_000;
export const LOGIN_TYPES = ['admin', 'user', 'viewer', 'api_key'] as const satisfies readonly ActorType[];
export type LoginType = (typeof LOGIN_TYPES)[number];

/** The last `n` UTC days ending today, oldest first, as YYYY-MM-DD. */
export function lastDays(now: Date, n: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * DAY).toISOString().slice(0, 10));
}

/** Spreads sparse (day, count) rows over every day, zero where nothing happened. */
export function perDay(days: string[], rows: { day: string; n: number }[]): number[] {
  const byDay = new Map(rows.map((r) => [r.day, Number(r.n)]));
  return days.map((d) => byDay.get(d) ?? 0);
}

export type AdminDashboard = {
  activeUsers: number;
  errors24h: number;
  failedJobs24h: number;
  failedIntegrations24h: number;
  days: string[];
  failedLogins: number[];
  logins: Record<LoginType, number[]>;
};

/**
 * The console's tiles and charts: active users (enabled, seen in 72 h), failed logins per day and
 * logins by account type per day over 30 days (API keys count once per key and day), and the
 * failures of the last 24 hours.
 */
export async function adminDashboard(db: Database, now: Date): Promise<AdminDashboard> {
  const days = lastDays(now, 30);
  const since30 = `${days[0]}T00:00:00.000Z`;
  const since24h = new Date(now.getTime() - DAY).toISOString();
  const day = sql<string>`substr(${auditLog.createdAt}, 1, 10)`;

  const [active] = await db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(isNull(users.disabledAt), gte(users.lastSeenAt, new Date(now.getTime() - 3 * DAY).toISOString())));
  const failed = await db
    .select({ day, n: sql<number>`count(*)` })
    .from(auditLog)
    .where(and(sql`${auditLog.action} = 'login.failure'`, gte(auditLog.createdAt, since30)))
    .groupBy(day);
  const logins = await db
    .select({ day, type: auditLog.actorType, n: sql<number>`count(*)` })
    .from(auditLog)
    .where(and(inArray(auditLog.action, ['login.success', 'apikey.use']), gte(auditLog.createdAt, since30)))
    .groupBy(day, auditLog.actorType);

  return {
    activeUsers: Number(active?.n ?? 0),
    errors24h: await countErrorsSince(db, since24h),
    failedJobs24h: await countFailedJobRunsSince(db, since24h),
    failedIntegrations24h: await countIntegrationRequests(db, 'Failed', since24h),
    days,
    failedLogins: perDay(days, failed),
    logins: Object.fromEntries(LOGIN_TYPES.map((type) => [type, perDay(days, logins.filter((r) => r.type === type))])) as Record<LoginType, number[]>,
  };
}
