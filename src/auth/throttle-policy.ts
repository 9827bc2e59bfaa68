/**
 * When failed logins block further attempts. Per account: a growing back-off from the 3rd
 * failure, then a 15-minute lockout from the 10th. Per source address (across accounts): a back-off
 * from the 20th failure, so one address cannot spray passwords over many usernames. Failures are
 * forgotten a day after the last one.
 */
export type ThrottleKind = 'account' | 'address';

export const ACCOUNT_LOCKOUT_FAILURES = 10;
export const LOCKOUT_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 24 * 3_600_000;
const BACKOFF_FROM: Record<ThrottleKind, number> = { account: 3, address: 20 };
const BACKOFF_CAP_MS: Record<ThrottleKind, number> = { account: 5 * 60_000, address: LOCKOUT_MS };

/** How long after the failure numbered `failures` the next attempt is refused (0 = not at all). */
export function blockAfterFailure(kind: ThrottleKind, failures: number): { ms: number; lockout: boolean } {
  if (kind === 'account' && failures >= ACCOUNT_LOCKOUT_FAILURES) return { ms: LOCKOUT_MS, lockout: true };
  const over = failures - BACKOFF_FROM[kind];
  if (over < 0) return { ms: 0, lockout: false };
  return { ms: Math.min(1000 * 2 ** over, BACKOFF_CAP_MS[kind]), lockout: false };
}
