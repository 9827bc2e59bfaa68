import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { dashboardVersion, loadDashboard } from '../../src/ui/dashboard/model';
import { jsonError } from '../../src/http/errors';
import { loadMetrics } from '../../src/metrics/series';
import { isRange, parseScope, RANGES } from '../../src/metrics/ranges';

/** The ETag for a dashboard version (quoted, as HTTP wants). */
const etagOf = (version: string) => `"${version}"`;

/** JSON for the dashboard's islands. Auto-refresh sends If-None-Match and gets 304 when nothing changed. */
export function uiApiRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono()
    .get('/metrics', async (c) => {
      const scope = parseScope(c.req.query('scope'));
      const range = c.req.query('range') ?? 'All';
      if (!scope) return jsonError(c, 400, 'scope must be all, server:<machine-id> or job:<id>.');
      if (!isRange(range)) return jsonError(c, 400, `range must be one of ${RANGES.join(', ')}.`);
      c.header('Cache-Control', 'private, no-cache');
      return c.json(await loadMetrics(db, scope, range, deps.clock()));
    })
    .get('/dashboard', async (c) => {
    c.header('Cache-Control', 'private, no-cache');
    const inm = c.req.header('if-none-match');
    if (inm) {
      const etag = etagOf(await dashboardVersion(db));
      if (inm.split(',').map((v) => v.trim()).includes(etag)) {
        c.header('ETag', etag);
        return c.body(null, 304);
      }
    }
    const data = await loadDashboard(db, deps.clock());
    c.header('ETag', etagOf(data.version));
    return c.json(data);
  });
}
