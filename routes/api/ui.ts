import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import { dashboardVersion, loadDashboard } from '../../src/ui/dashboard/model';
import { parseJobQuery } from '../../src/ui/dashboard/job-list';
import { dashboardView } from '../../src/ui/dashboard/views';
import { pageContext } from '../../src/ui/page-context';
import { LAYOUTS } from '../../src/ui/prefs';
import { jsonError } from '../../src/http/errors';
import { loadMetrics } from '../../src/metrics/series';
import { isRange, parseScope, RANGES } from '../../src/metrics/ranges';

/** The ETag for a dashboard version (quoted, as HTTP wants). */
const etagOf = (version: string) => `"${version}"`;

/** JSON for the dashboard's islands. Auto-refresh sends If-None-Match and gets 304 when nothing changed. */
export function uiApiRoutes(deps: AppDeps) {
  const { db } = deps.store;
  /** The current version's ETag when the request's If-None-Match holds it (answer 304), else null. */
  const unchangedTag = async (c: Context) => {
    const inm = c.req.header('if-none-match');
    if (!inm) return null;
    const etag = etagOf(await dashboardVersion(db));
    return inm.split(',').map((v) => v.trim()).includes(etag) ? etag : null;
  };
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
      const unchanged = await unchangedTag(c);
      if (unchanged) return c.body(null, 304, { ETag: unchanged });
      const data = await loadDashboard(db, deps.clock());
      c.header('ETag', etagOf(data.version));
      return c.json(data);
    })
    // The dashboard island's refreshes and layout switches: server-rendered tiles and jobs in the
    // visitor's language and time zone, ordered and filtered by the query parameters of the page.
    .get('/dashboard/view', async (c) => {
      const layout = c.req.query('layout') ?? 'cards';
      if (!(LAYOUTS as readonly string[]).includes(layout)) return jsonError(c, 400, `layout must be one of ${LAYOUTS.join(', ')}.`);
      c.header('Cache-Control', 'private, no-cache');
      c.header('Vary', 'Accept-Language, Cookie');
      const unchanged = await unchangedTag(c);
      if (unchanged) return c.body(null, 304, { ETag: unchanged });
      const [data, page] = await Promise.all([loadDashboard(db, deps.clock()), pageContext(c, deps)]);
      c.header('ETag', etagOf(data.version));
      return c.json(dashboardView(data, page, layout as (typeof LAYOUTS)[number], parseJobQuery(new URL(c.req.url).searchParams)));
    });
}
