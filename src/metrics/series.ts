import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { backupRuns } from '../db/schema/index';
import { alignSeries, downsampleMinMax } from './downsample';
import { rangeStart, type Range, type Scope } from './ranges';

/** Most points a chart series carries, whatever the number of runs. */
export const MAX_POINTS = 1000;

/** The charts, each with the run columns it plots and how its values read. */
export const CHARTS = [
  { id: 'duration', unit: 'duration', columns: ['duration_seconds'] },
  { id: 'examinedSize', unit: 'bytes', columns: ['size_of_examined_files'] },
  { id: 'uploaded', unit: 'bytes', columns: ['bytes_uploaded'] },
  { id: 'storage', unit: 'bytes', columns: ['known_file_size'] },
  { id: 'fileCount', unit: 'count', columns: ['examined_files'] },
  { id: 'problems', unit: 'count', columns: ['warnings_count', 'errors_count'] },
  { id: 'versions', unit: 'count', columns: ['backup_list_count'] },
] as const;
export type ChartId = (typeof CHARTS)[number]['id'];
export type ChartUnit = (typeof CHARTS)[number]['unit'];

export type ChartData = { id: ChartId; unit: ChartUnit; x: number[]; ys: (number | null)[][] };
export type MetricsData = { runs: number; from: number | null; to: number | null; charts: ChartData[] };

const COLUMNS = [...new Set(CHARTS.flatMap((c) => c.columns))];

function scopeFilter(scope: Scope) {
  if (scope.kind === 'job') return sql`${backupRuns.jobId} = ${scope.id}`;
  if (scope.kind === 'server') return sql`${backupRuns.serverId} = ${scope.id}`;
  return sql`1 = 1`;
}

/**
 * Every run in scope and range, read column-wise in one indexed query and downsampled to at most
 * MAX_POINTS per series (x in Unix seconds, as uPlot expects).
 */
export async function loadMetrics(db: Database, scope: Scope, range: Range, now: Date): Promise<MetricsData> {
  const since = rangeStart(range, now);
  const rows = await db.values<(number | null)[]>(sql`
    SELECT unixepoch(${backupRuns.beginTime}), ${sql.raw(COLUMNS.join(', '))}
    FROM ${backupRuns}
    WHERE ${scopeFilter(scope)} ${since ? sql`AND ${backupRuns.beginTime} >= ${since.toISOString()}` : sql``}
    ORDER BY ${backupRuns.beginTime}`);
  const xs = rows.map((r) => Number(r[0]));
  const column = (name: string) => {
    const at = COLUMNS.indexOf(name as (typeof COLUMNS)[number]) + 1;
    return rows.map((r) => Number(r[at] ?? 0));
  };
  const charts = CHARTS.map((chart) => {
    const aligned = alignSeries(chart.columns.map((col) => downsampleMinMax(xs, column(col), MAX_POINTS)));
    return { id: chart.id, unit: chart.unit, x: aligned.x, ys: aligned.ys };
  });
  return { runs: rows.length, from: xs[0] ?? null, to: xs[xs.length - 1] ?? null, charts };
}
