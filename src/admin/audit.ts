import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { auditLog, type ActorType } from '../db/schema/index';

/** Every action the audit log knows, so filters and the console can list them. */
export const AUDIT_ACTIONS = [
  'login.success',
  'login.failure',
  'logout',
  'password.change',
  'password.reset',
  'session.revoke',
  'user.create',
  'user.update',
  'user.delete',
  'apikey.create',
  'apikey.revoke',
  'apikey.use',
  'settings.change',
  'integration.replay',
  'log.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type Actor = { type: ActorType; id?: number | null; name?: string | null };
export type AuditEntry = {
  action: AuditAction;
  actor: Actor;
  target?: string | null;
  address?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
};

export const SYSTEM_ACTOR: Actor = { type: 'system', name: 'system' };

export async function recordAudit(db: Database, entry: AuditEntry, now: Date): Promise<void> {
  await db.insert(auditLog).values({
    createdAt: now.toISOString(),
    action: entry.action,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorName: entry.actor.name ?? null,
    target: entry.target ?? null,
    address: entry.address ?? null,
    userAgent: entry.userAgent?.slice(0, 500) ?? null,
    details: entry.details ?? null,
  });
}

export type AuditFilter = { action?: string; actor?: string; from?: string; to?: string; beforeId?: number; limit?: number };

function where(f: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.action) parts.push(f.action.endsWith('.') ? like(auditLog.action, `${f.action}%`) : eq(auditLog.action, f.action));
  if (f.actor) parts.push(eq(auditLog.actorName, f.actor));
  if (f.from) parts.push(gte(auditLog.createdAt, f.from));
  if (f.to) parts.push(lte(auditLog.createdAt, f.to));
  if (f.beforeId) parts.push(lt(auditLog.id, f.beforeId));
  return parts.length ? and(...parts) : undefined;
}

/** Newest first, keyset-paginated by id. */
export function listAudit(db: Database, f: AuditFilter = {}) {
  return db.select().from(auditLog).where(where(f)).orderBy(desc(auditLog.id)).limit(Math.min(f.limit ?? 100, 1000));
}

const CSV_COLUMNS = ['id', 'createdAt', 'action', 'actorType', 'actorName', 'target', 'address', 'userAgent', 'details'] as const;

/** RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole filtered log as CSV, read in pages so memory stays flat. */
export async function* auditCsv(db: Database, f: Omit<AuditFilter, 'beforeId' | 'limit'>): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  let beforeId: number | undefined;
  for (;;) {
    const page = await listAudit(db, { ...f, beforeId, limit: 1000 });
    for (const row of page) yield `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`;
    if (page.length < 1000) return;
    beforeId = page[page.length - 1]!.id;
  }
}
