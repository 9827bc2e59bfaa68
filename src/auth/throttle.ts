import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { loginThrottle } from '../db/schema/index';
import { ACCOUNT_LOCKOUT_FAILURES, FORGET_AFTER_MS, blockAfterFailure, type ThrottleKind } from './throttle-policy';

export type ThrottleKeys = { account: string; address: string | null };
export type Throttled = { blocked: false } | { blocked: true; lockout: boolean; retryAfterSeconds: number };

const keyOf = (kind: ThrottleKind, value: string) => `${kind}:${value}`;

function entries(keys: ThrottleKeys): [ThrottleKind, string][] {
  const list: [ThrottleKind, string][] = [['account', keyOf('account', keys.account)]];
  if (keys.address) list.push(['address', keyOf('address', keys.address)]);
  return list;
}

/** Whether an attempt may proceed now; checked before the password is even looked at. */
export async function checkThrottle(db: Database, keys: ThrottleKeys, now: Date): Promise<Throttled> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, entries(keys).map(([, k]) => k)));
  let worst: Throttled = { blocked: false };
  for (const row of rows) {
    if (!row.blockedUntil) continue;
    const wait = Date.parse(row.blockedUntil) - now.getTime();
    if (wait <= 0) continue;
    const lockout = row.key.startsWith('account:') && row.failures >= ACCOUNT_LOCKOUT_FAILURES;
    const retryAfterSeconds = Math.ceil(wait / 1000);
    if (!worst.blocked || retryAfterSeconds > worst.retryAfterSeconds) worst = { blocked: true, lockout, retryAfterSeconds };
  }
  return worst;
}

/** Counts one failure against the account and the address and sets their next allowed time. */
export async function recordFailure(db: Database, keys: ThrottleKeys, now: Date): Promise<void> {
  const at = now.toISOString();
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  for (const [kind, key] of entries(keys)) {
    const [row] = await db
      .insert(loginThrottle)
      .values({ key, failures: 1, lastFailureAt: at })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.lastFailureAt} < ${forgetBefore} then 1 else ${loginThrottle.failures} + 1 end`,
          lastFailureAt: at,
        },
      })
      .returning({ failures: loginThrottle.failures });
    const block = blockAfterFailure(kind, row!.failures);
    await db
      .update(loginThrottle)
      .set({ blockedUntil: block.ms ? new Date(now.getTime() + block.ms).toISOString() : null })
      .where(eq(loginThrottle.key, key));
  }
}

/** A successful login clears the account's counter; the address keeps its count. */
export async function clearAccountFailures(db: Database, account: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keyOf('account', account)));
}
