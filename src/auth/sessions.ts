import { and, desc, eq, ne } from 'drizzle-orm';
import { SignJWT, jwtVerify } from 'jose';
import type { Database } from '../db/database';
import { sessions, users } from '../db/schema/index';
import { deriveKey } from './secret-key';
import { randomToken, sha256Hex } from './secrets';
import type { UserRow } from './users';

export type SessionTimeouts = { idleMs: number; absoluteMs: number };
export type SessionMeta = { address: string | null; userAgent: string | null };
export type SessionRow = typeof sessions.$inferSelect;

/** Activity is written at most once a minute per session, so reads stay reads. */
const TOUCH_RESOLUTION_MS = 60_000;
const ISSUER = 'backwatch';

const signingKeys = new Map<string, Promise<Uint8Array>>();
function signingKey(secretKey: string): Promise<Uint8Array> {
  let key = signingKeys.get(secretKey);
  if (!key) {
    key = deriveKey(secretKey, 'session-cookie');
    signingKeys.set(secretKey, key);
  }
  return key;
}

/**
 * Starts a fresh session (a new id on every login, so a planted id is never promoted) and returns
 * the signed cookie value. The database keeps only a hash of the id.
 */
export async function createSession(db: Database, secretKey: string, user: UserRow, meta: SessionMeta, timeouts: SessionTimeouts, now: Date) {
  const sid = randomToken(32);
  const expiresAt = new Date(now.getTime() + timeouts.absoluteMs);
  const id = await sha256Hex(sid);
  await db.insert(sessions).values({
    id,
    userId: user.id,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    address: meta.address,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  const token = await new SignJWT({ sid })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await signingKey(secretKey));
  return { id, token, expiresAt };
}

async function sessionIdFromToken(secretKey: string, token: string, now: Date): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, await signingKey(secretKey), { issuer: ISSUER, algorithms: ['HS256'], currentDate: now });
    return typeof payload.sid === 'string' ? sha256Hex(payload.sid) : null;
  } catch {
    return null;
  }
}

export type ActiveSession = { session: SessionRow; user: UserRow };

/**
 * The session and account behind a cookie, or null when the signature is bad, the row is gone
 * (logout, revocation, password change), a timeout passed or the account is disabled.
 */
export async function resolveSession(db: Database, secretKey: string, token: string, timeouts: SessionTimeouts, now: Date): Promise<ActiveSession | null> {
  const id = await sessionIdFromToken(secretKey, token, now);
  if (!id) return null;
  const [row] = await db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id));
  if (!row) return null;
  const t = now.getTime();
  const idleExpired = t - Date.parse(row.session.lastSeenAt) > timeouts.idleMs;
  if (idleExpired || t >= Date.parse(row.session.expiresAt) || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (t - Date.parse(row.session.lastSeenAt) > TOUCH_RESOLUTION_MS) {
    const at = now.toISOString();
    await db.batch([
      db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id)),
      db.update(users).set({ lastSeenAt: at }).where(eq(users.id, row.user.id)),
    ]);
    row.session.lastSeenAt = at;
  }
  return row;
}

export function listUserSessions(db: Database, userId: number) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, address: sessions.address, userAgent: sessions.userAgent })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function revokeSession(db: Database, userId: number, id: string): Promise<boolean> {
  const gone = await db.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.userId, userId))).returning({ id: sessions.id });
  return gone.length > 0;
}

export async function revokeOtherSessions(db: Database, userId: number, keepId: string): Promise<number> {
  const gone = await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepId))).returning({ id: sessions.id });
  return gone.length;
}

export async function endSession(db: Database, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}
