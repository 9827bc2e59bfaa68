import { Hono } from 'hono';
import type { AppDeps } from '../src/deps';
import { dashboardPage } from './index';
import { prefsRoutes } from './prefs';

/** Server-rendered pages (see docs/ui.md); each page module exports a handler factory. */
export function pageRoutes(deps: AppDeps) {
  return new Hono()
    .route('/prefs', prefsRoutes(deps))
    .get('/', dashboardPage(deps));
}
