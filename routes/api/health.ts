import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../src/deps';
import { appliedMigrations, expectedMigrations } from '../../src/db/migrate';

/** GET/HEAD /api/health and /api/ping. Says healthy or not, never why in detail (no internals). */
export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/health', async (c) => {
      try {
        await deps.store.db.run(sql`SELECT 1`);
        const applied = await appliedMigrations(deps.store.db);
        if (applied < expectedMigrations) return c.json({ status: 'unhealthy', database: 'schema behind' }, 503);
        return c.json({ status: 'healthy', database: 'connected', time: deps.clock().toISOString() });
      } catch (err) {
        deps.logger.error('health check failed', { err });
        return c.json({ status: 'unhealthy', database: 'unavailable' }, 503);
      }
    })
    .get('/ping', (c) => c.json({ ok: true }));
}
