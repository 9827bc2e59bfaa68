import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { requirePageRole } from '../../src/auth/guard';
import { apiKeyPages } from './api-keys';
import { auditPage } from './audit';
import { adminDashboardPage } from './dashboard';
import { errorPages } from './errors';
import { integrationPages } from './integration-requests';
import { jobPages } from './jobs';
import { settingsPages } from './settings';
import { userPages } from './users';

/** /admin: the console's pages, admins only (anonymous visitors are sent to /login). */
export function adminPageRoutes(deps: AppDeps) {
  return new Hono()
    .use('*', requirePageRole(deps, 'admin'))
    .get('/', adminDashboardPage(deps))
    .route('/errors', errorPages(deps))
    .route('/jobs', jobPages(deps))
    .route('/integration-requests', integrationPages(deps))
    .route('/users', userPages(deps))
    .route('/api-keys', apiKeyPages(deps))
    .get('/audit', auditPage(deps))
    .route('/settings', settingsPages(deps));
}
