import type { Context } from 'hono';
import type { AppDeps } from '../src/deps';
import { summarize } from '../src/backups/read-model';
import { formatBytes, formatNumber, formatRelative } from '../src/ui/format';
import { renderPage } from '../src/ui/page';

/** GET /: the dashboard. */
export function dashboardPage(deps: AppDeps) {
  return async (c: Context) => {
    const summary = await summarize(deps.store.db);
    return renderPage(c, deps, (page) => {
      const { t, tag } = page;
      const tiles = [
        { label: t('tile.servers'), value: formatNumber(tag, summary.totalServers) },
        { label: t('tile.jobs'), value: formatNumber(tag, summary.totalBackups) },
        { label: t('tile.runs'), value: formatNumber(tag, summary.totalBackupsRuns) },
        { label: t('tile.uploaded'), value: formatBytes(tag, summary.totalUploadedSize) },
        { label: t('tile.storage'), value: formatBytes(tag, summary.totalStorageUsed) },
        { label: t('tile.lastBackup'), value: summary.lastBackupAt ? formatRelative(tag, summary.lastBackupAt, page.now) : t('tile.never') },
      ];
      return {
        title: t('dashboard.title'),
        body: (
          <ul class="tiles">
            {tiles.map((tile) => (
              <li class="tile">
                <span class="tile-label">{tile.label}</span>
                <span class="tile-value">{tile.value}</span>
              </li>
            ))}
          </ul>
        ),
      };
    });
  };
}
