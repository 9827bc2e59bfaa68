import type { MessageKey } from '../i18n/index';

/** The strings the dashboard island shows; only these travel to the browser. */
export const DASHBOARD_KEYS = [
  'dashboard.empty', 'tile.servers', 'tile.jobs', 'tile.runs', 'tile.failed', 'tile.overdue', 'tile.uploaded', 'tile.storage',
  'tile.lastBackup', 'tile.never', 'jobs.heading', 'jobs.search', 'jobs.status', 'jobs.status.all', 'jobs.status.problems',
  'jobs.server', 'jobs.server.all', 'jobs.sort', 'jobs.sort.attention', 'jobs.sort.name', 'jobs.sort.server', 'jobs.sort.lastRun',
  'jobs.sort.size', 'jobs.layout', 'jobs.layout.cards', 'jobs.layout.table', 'jobs.count', 'jobs.noMatch', 'jobs.showAll', 'jobs.col.job',
  'jobs.col.server', 'jobs.col.status', 'jobs.col.lastRun', 'jobs.col.duration', 'jobs.col.size', 'jobs.col.storage',
  'jobs.col.versions', 'jobs.col.history', 'jobs.history', 'jobs.runCount', 'refresh.every', 'refresh.off', 'refresh.last',
  'refresh.now', 'refresh.failed', 'health.bad', 'health.late', 'health.warn', 'health.ok', 'health.none',
  'status.Success', 'status.Warning', 'status.Error', 'status.Fatal', 'status.Unknown', 'state.overdue', 'state.late',
] as const satisfies readonly MessageKey[];

export type DashboardMessages = Record<(typeof DASHBOARD_KEYS)[number], string>;
