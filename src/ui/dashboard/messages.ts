import type { MessageKey } from '../i18n/index';
import type { Health } from './job-list';

/** The strings of the dashboard's server-rendered views (tiles, cards, table). */
export const DASHBOARD_KEYS = [
  'dashboard.empty', 'tile.servers', 'tile.jobs', 'tile.runs', 'tile.failed', 'tile.overdue', 'tile.uploaded', 'tile.storage',
  'tile.lastBackup', 'tile.never', 'jobs.heading', 'jobs.search', 'jobs.status', 'jobs.status.all', 'jobs.status.problems',
  'jobs.server', 'jobs.server.all', 'jobs.sort', 'jobs.sort.attention', 'jobs.sort.name', 'jobs.sort.server', 'jobs.sort.lastRun',
  'jobs.sort.size', 'jobs.layout', 'jobs.layout.cards', 'jobs.layout.table', 'jobs.count', 'jobs.noMatch', 'jobs.col.job',
  'jobs.col.server', 'jobs.col.status', 'jobs.col.lastRun', 'jobs.col.duration', 'jobs.col.size', 'jobs.col.storage',
  'jobs.col.versions', 'jobs.col.history', 'jobs.history', 'jobs.runCount', 'refresh.every', 'refresh.off', 'refresh.last',
  'refresh.now', 'refresh.failed', 'health.bad', 'health.late', 'health.warn', 'health.ok', 'health.none',
  'status.Success', 'status.Warning', 'status.Error', 'status.Fatal', 'status.Unknown', 'state.overdue', 'state.late',
] as const satisfies readonly MessageKey[];

export type DashboardMessages = Record<(typeof DASHBOARD_KEYS)[number], string>;

/** The strings the dashboard island itself shows (toolbar, counts, refresh); only these travel to the browser. */
export const TOOLBAR_KEYS = [
  'dashboard.empty', 'jobs.heading', 'jobs.search', 'jobs.status', 'jobs.status.all', 'jobs.status.problems', 'jobs.server',
  'jobs.server.all', 'jobs.sort', 'jobs.sort.attention', 'jobs.sort.name', 'jobs.sort.server', 'jobs.sort.lastRun', 'jobs.sort.size',
  'jobs.layout', 'jobs.layout.cards', 'jobs.layout.table', 'jobs.count', 'jobs.noMatch', 'refresh.every', 'refresh.off',
  'refresh.last', 'refresh.now', 'refresh.failed', 'health.bad', 'health.late', 'health.warn', 'health.ok', 'health.none',
] as const satisfies readonly (typeof DASHBOARD_KEYS)[number][];

export type ToolbarMessages = Record<(typeof TOOLBAR_KEYS)[number], string>;

export const HEALTH_LABEL: Record<Health, 'health.bad' | 'health.late' | 'health.warn' | 'health.ok' | 'health.none'> = {
  bad: 'health.bad', late: 'health.late', warn: 'health.warn', ok: 'health.ok', none: 'health.none',
};
