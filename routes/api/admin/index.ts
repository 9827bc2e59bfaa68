import { Hono } from 'hono';
import type { AppDeps } from '../../../src/deps';
import { adminDashboard } from '../../../src/admin/dashboard-stats';
import { requireRole } from '../../../src/auth/guard';
import { adminApiKeyRoutes } from './api-keys';
import { adminAuditRoutes } from './audit';
import { adminLogRoutes } from './logs';
import { adminSettingsRoutes } from './settings';
import { adminUserRoutes } from './users';

/** /api/admin: the console's JSON API, admins only. */
export function adminApiRoutes(deps: AppDeps) {
  return new Hono()
    .use('*', requireRole(deps, 'admin'))
    .get('/dashboard', async (c) => c.json(await adminDashboard(deps.store.db, deps.clock())))
    .route('/users', adminUserRoutes(deps))
    .route('/api-keys', adminApiKeyRoutes(deps))
    .route('/audit', adminAuditRoutes(deps))
    .route('/settings', adminSettingsRoutes(deps))
    .route('/', adminLogRoutes(deps));
}
