import type { Context } from 'hono';
import type { AppDeps } from '../src/deps';
import Dashboard from '../islands/Dashboard';
import { loadDashboard } from '../src/ui/dashboard/model';
import { parseJobQuery } from '../src/ui/dashboard/job-list';
import { TOOLBAR_KEYS } from '../src/ui/dashboard/messages';
import { dashboardState, dashboardViews } from '../src/ui/dashboard/views';
import { messagesFor } from '../src/ui/i18n/index';
import { Island } from '../src/ui/island';
import { renderPage } from '../src/ui/page';
import { REFRESH_CHOICES } from '../src/ui/prefs';

/**
 * GET /: the dashboard, rendered with its data so it reads before (and without) JavaScript. Every
 * job is server HTML; the island hydrates only the toolbar and filters those elements.
 */
export function dashboardPage(deps: AppDeps) {
  return async (c: Context) => {
    const data = await loadDashboard(deps.store.db, deps.clock());
    const query = parseJobQuery(new URL(c.req.url).searchParams);
    return renderPage(c, deps, (page) => ({
      title: page.t('dashboard.title'),
      body: (
        <Island
          name="Dashboard"
          component={Dashboard}
          props={{
            state: dashboardState(data),
            query,
            layout: page.prefs.layout,
            refreshSeconds: page.prefs.refreshSeconds,
            refreshChoices: [...REFRESH_CHOICES],
            tag: page.tag,
            timeZone: page.timeZone,
            messages: messagesFor(page.locale, TOOLBAR_KEYS),
          }}
          slots={dashboardViews(data, page, page.prefs.layout, query)}
        />
      ),
    }));
  };
}
