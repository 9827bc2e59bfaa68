import type { MessageKey } from '../ui/i18n/index';

/** Strings the metrics island shows (chart titles, ranges, hints). */
export const METRICS_KEYS = [
  'metrics.range', 'metrics.range.1W', 'metrics.range.1M', 'metrics.range.3M', 'metrics.range.6M', 'metrics.range.1Y', 'metrics.range.All',
  'metrics.zoomHint', 'metrics.noData', 'metrics.points', 'metrics.loading', 'metrics.duration', 'metrics.examinedSize', 'metrics.uploaded',
  'metrics.storage', 'metrics.fileCount', 'metrics.problems', 'metrics.versions', 'run.warnings', 'run.errors', 'run.begin',
  'metrics.failed',
] as const satisfies readonly MessageKey[];

export type MetricsMessages = Record<(typeof METRICS_KEYS)[number], string>;
