import { runTone } from '../dashboard/job-list';
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../format';
import { statusName } from '../i18n/index';
import type { PageContext } from '../page-context';
import type { runPage } from '../run-pages';
import { StatusBadge } from './status';

export type RunListRow = Awaited<ReturnType<typeof runPage>>['rows'][number];

/**
 * One run in a run history table, linking to the run on its job's page. The server page lists
 * several jobs, so it adds the job's name; the job page marks the run it shows as current.
 */
export function RunRow({ run, page, withJob = false, current = false }: { run: RunListRow; page: PageContext; withJob?: boolean; current?: boolean }) {
  const { tag, timeZone } = page;
  return (
    <tr aria-current={current ? 'true' : undefined}>
      <td><a href={`/jobs/${run.jobId}?run=${run.id}`}>{formatDateTime(tag, run.beginTime, timeZone)}</a></td>
      {withJob ? <td>{run.jobName}</td> : null}
      <td><StatusBadge health={runTone(run.status)} label={statusName(page.locale, run.status)} /></td>
      <td class="num">{formatDuration(tag, run.durationSeconds)}</td>
      <td class="num">{formatBytes(tag, run.size)}</td>
      <td class="num">{formatBytes(tag, run.uploaded)}</td>
      <td class="num">{formatNumber(tag, run.warnings)}</td>
      <td class="num">{formatNumber(tag, run.errors)}</td>
    </tr>
  );
}
