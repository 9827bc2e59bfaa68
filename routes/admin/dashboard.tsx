import type { Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import AdminCharts, { type AdminChartsProps } from '../../islands/AdminCharts';
import { adminDashboard } from '../../src/admin/dashboard-stats';
import { formatNumber } from '../../src/ui/format';
import { Island } from '../../src/ui/island';
import { renderPage } from '../../src/ui/page';
import { AdminNav } from './_parts';

/** /admin: tiles that link to the logs they count, and the 30-day login charts. */
export function adminDashboardPage(deps: AppDeps) {
  return async (c: Context) => {
    const d = await adminDashboard(deps.store.db, deps.clock());
    return renderPage(c, deps, (page) => {
      const { t, tag } = page;
      const tiles = [
        { label: t('admin.tile.activeUsers'), value: d.activeUsers, href: '/admin/users', bad: false },
        { label: t('admin.tile.failedLogins'), value: d.failedLogins.reduce((a, b) => a + b, 0), href: '/admin/audit?action=login.failure', bad: false },
        { label: t('admin.tile.errors'), value: d.errors24h, href: '/admin/errors', bad: d.errors24h > 0 },
        { label: t('admin.tile.failedJobs'), value: d.failedJobs24h, href: '/admin/jobs?status=Failed', bad: d.failedJobs24h > 0 },
        { label: t('admin.tile.failedIntegrations'), value: d.failedIntegrations24h, href: '/admin/integration-requests?status=Failed', bad: d.failedIntegrations24h > 0 },
      ];
      return {
        title: t('admin.dashboard.title'),
        body: (
          <>
            <AdminNav page={page} />
            <ul class="tiles">
              {tiles.map((tile) => (
                <li class={`tile${tile.bad ? ' tile-bad' : ''}`}>
                  <a class="tile-link" href={tile.href}>
                    <span class="tile-label">{tile.label}</span>
                    <span class="tile-value">{formatNumber(tag, tile.value)}</span>
                  </a>
                </li>
              ))}
            </ul>
            <Island<AdminChartsProps>
              name="AdminCharts"
              component={AdminCharts}
              props={{
                days: d.days,
                tag,
                emptyLabel: t('admin.chart.empty'),
                charts: [
                  { id: 'failed-logins', title: t('admin.chart.failedLogins'), series: [{ label: t('admin.chart.failures'), values: d.failedLogins, tone: 'bad' }] },
                  {
                    id: 'logins-by-type',
                    title: t('admin.chart.loginsByType'),
                    series: [
                      { label: t('admin.role.admin'), values: d.logins.admin, tone: 'accent' },
                      { label: t('admin.role.user'), values: d.logins.user, tone: 'ok' },
                      { label: t('admin.role.viewer'), values: d.logins.viewer, tone: 'warn' },
                      { label: t('admin.chart.apiKey'), values: d.logins.api_key, tone: 'late' },
                    ],
                  },
                ],
              }}
            />
          </>
        ),
      };
    });
  };
}
