import { Hono } from 'hono';
import type { AppDeps } from '../src/deps';
import { dashboardPage } from './index';
import { metricsPage } from './metrics';
import { notificationsPage } from './notifications';
import { serverRoutes } from './servers';
import { jobRoutes } from './jobs';
import { prefsRoutes } from './prefs';
import { uiApiRoutes } from './api/ui';

/** Server-rendered pages (see docs/ui.md); each page module exports a handler factory. */
export function pageRoutes(deps: AppDeps) {
  return new Hono()
    .route('/prefs', prefsRoutes(deps))
    .route('/api/ui', uiApiRoutes(deps))
    .get('/', dashboardPage(deps))
    .get('/metrics', metricsPage(deps))
    .get('/notifications', notificationsPage(deps))
    .route('/servers', serverRoutes(deps))
    .route('/jobs', jobRoutes(deps));
}
