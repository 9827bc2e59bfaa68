import type { Context } from 'hono';
import type { AppDeps } from '../src/deps';
import Dashboard from '../islands/Dashboard';
import { loadDashboard } from '../src/ui/dashboard/model';
import { parseJobQuery } from '../src/ui/dashboard/job-list';
import { DASHBOARD_KEYS } from '../src/ui/dashboard/messages';
import { messagesFor } from '../src/ui/i18n/index';
import { Island } from '../src/ui/island';
import { renderPage } from '../src/ui/page';
import { REFRESH_CHOICES } from '../src/ui/prefs';

/** Jobs rendered on the server; the rest arrive right after hydration (or with ?all=1 without JavaScript). */
const SERVER_RENDERED_JOBS = 48;

/** GET /: the dashboard, rendered with its data so it reads before (and without) JavaScript. */
export function dashboardPage(deps: AppDeps) {
  return async (c: Context) => {
    const data = await loadDashboard(deps.store.db, deps.clock());
    const params = new URL(c.req.url).searchParams;
    const query = parseJobQuery(params);
    const all = params.get('all') === '1';
    params.set('all', '1');
    return renderPage(c, deps, (page) => ({
      title: page.t('dashboard.title'),
      body: (
        <Island
          name="Dashboard"
          component={Dashboard}
          props={{
            data,
            query,
            initialLimit: all ? null : SERVER_RENDERED_JOBS,
            showAllHref: `?${params}`,
            layout: page.prefs.layout,
            refreshSeconds: page.prefs.refreshSeconds,
            refreshChoices: [...REFRESH_CHOICES],
            tag: page.tag,
            timeZone: page.timeZone,
            messages: messagesFor(page.locale, DASHBOARD_KEYS),
          }}
        />
      ),
    }));
  };
}
