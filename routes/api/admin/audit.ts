import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import type { AppDeps } from '../../../src/deps';
import { auditCsv, listAudit, type AuditFilter } from '../../../src/admin/audit';

export function auditFilter(c: Context): AuditFilter {
  const q = (k: string) => c.req.query(k) || undefined;
  const before = Number(q('before'));
  return { action: q('action'), actor: q('actor'), from: q('from'), to: q('to'), beforeId: before > 0 ? before : undefined };
}

/** Audit log: JSON pages and the whole filtered log as CSV. */
export function adminAuditRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono()
    .get('/', async (c) => c.json({ entries: await listAudit(db, { ...auditFilter(c), limit: 100 }) }))
    .get('/export.csv', (c) => {
      const { beforeId: _b, ...filter } = auditFilter(c);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="backwatch-audit-${deps.clock().toISOString().slice(0, 10)}.csv"`);
      return stream(c, async (s) => {
        for await (const chunk of auditCsv(db, filter)) await s.write(chunk);
      });
    });
}
