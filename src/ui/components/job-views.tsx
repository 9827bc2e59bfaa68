import { formatBytes, formatDateTime, formatDuration, formatNumber, formatRelative } from '../format';
import { interpolate } from '../i18n/interpolate';
import { jobHealth, type Health } from '../dashboard/job-list';
import type { DashboardMessages } from '../dashboard/messages';
import type { DashboardData, DashboardJob } from '../dashboard/types';
import { HistoryStrip, StatusBadge } from './status';

/**
 * Views of the dashboard's jobs, rendered on the server only (dashboard, server page, and the
 * dashboard island's refreshes through /api/ui/dashboard/view). Every job's card or row carries
 * `data-job` and sits directly in the `data-jobs` element, so the island can filter and reorder
 * them without rendering them.
 */
export type Fmt = { tag: string; timeZone: string; m: DashboardMessages; now: string };

/** `hidden`: jobs rendered but not shown (they do not match the filter in the URL). */
type ViewProps = { jobs: DashboardJob[]; f: Fmt; hidden?: ReadonlySet<number> };

export function statusText(m: DashboardMessages, status: string) {
  return m[`status.${status}` as keyof DashboardMessages] ?? status;
}

function healthLabel(m: DashboardMessages, job: DashboardJob) {
  if (job.state === 'overdue' || job.state === 'late') return m[`state.${job.state}`];
  return job.lastStatus ? statusText(m, job.lastStatus) : m['health.none'];
}

export function Tiles({ data, f }: { data: DashboardData; f: Fmt }) {
  const { m, tag } = f;
  const s = data.summary;
  const tiles = [
    { label: m['tile.servers'], value: formatNumber(tag, s.servers) },
    { label: m['tile.jobs'], value: formatNumber(tag, s.jobs) },
    { label: m['tile.runs'], value: formatNumber(tag, s.runs) },
    { label: m['tile.failed'], value: formatNumber(tag, s.failed), tone: s.failed ? 'tile-bad' : '' },
    { label: m['tile.overdue'], value: formatNumber(tag, s.overdue), tone: s.overdue ? 'tile-late' : '' },
    { label: m['tile.uploaded'], value: formatBytes(tag, s.uploaded) },
    { label: m['tile.storage'], value: formatBytes(tag, s.storage) },
    { label: m['tile.lastBackup'], value: s.lastBackupAt ? formatRelative(tag, s.lastBackupAt, new Date(f.now)) : m['tile.never'] },
  ];
  return (
    <ul class="tiles">
      {tiles.map((t) => (
        <li class={`tile ${t.tone ?? ''}`}>
          <span class="tile-label">{t.label}</span>
          <span class="tile-value">{t.value}</span>
        </li>
      ))}
    </ul>
  );
}

function Strip({ job, f }: { job: DashboardJob; f: Fmt }) {
  return (
    <HistoryStrip
      runs={job.history}
      label={interpolate(f.m['jobs.history'], { count: job.history.length })}
      statusLabel={(s) => statusText(f.m, s)}
      tag={f.tag}
      timeZone={f.timeZone}
    />
  );
}

const TONE: Record<Health, string> = { bad: 'is-bad', late: 'is-late', warn: 'is-warn', ok: 'is-ok', none: '' };

export function Cards({ jobs, f, hidden }: ViewProps) {
  const { m, tag, timeZone } = f;
  return (
    <ul class="cards" data-jobs>
      {jobs.map((job) => {
        const health = jobHealth(job);
        return (
          <li key={job.id} class={`card ${TONE[health]}`} data-job={job.id} hidden={hidden?.has(job.id)}>
            <h3><a href={`/jobs/${job.id}`}>{job.name}</a></h3>
            <p class="server"><a href={`/servers/${encodeURIComponent(job.serverId)}`}>{job.serverName}</a></p>
            <StatusBadge health={health} label={healthLabel(m, job)} />
            <dl>
              <dt>{m['jobs.col.lastRun']}</dt>
              <dd>{job.lastRunAt ? formatDateTime(tag, job.lastRunAt, timeZone) : '—'}</dd>
              <dt>{m['jobs.col.duration']}</dt>
              <dd>{job.durationSeconds === null ? '—' : formatDuration(tag, job.durationSeconds)}</dd>
              <dt>{m['jobs.col.size']}</dt>
              <dd>{job.examinedSize === null ? '—' : formatBytes(tag, job.examinedSize)}</dd>
              <dt>{m['jobs.col.storage']}</dt>
              <dd>{job.storageUsed === null ? '—' : formatBytes(tag, job.storageUsed)}</dd>
            </dl>
            <Strip job={job} f={f} />
          </li>
        );
      })}
    </ul>
  );
}

export function Table({ jobs, f, hidden }: ViewProps) {
  const { m, tag, timeZone } = f;
  return (
    <div class="table-wrap">
      <table class="jobs-table">
        <thead>
          <tr>
            <th scope="col">{m['jobs.col.job']}</th>
            <th scope="col">{m['jobs.col.server']}</th>
            <th scope="col">{m['jobs.col.status']}</th>
            <th scope="col">{m['jobs.col.lastRun']}</th>
            <th scope="col" class="num">{m['jobs.col.duration']}</th>
            <th scope="col" class="num">{m['jobs.col.size']}</th>
            <th scope="col" class="num">{m['jobs.col.versions']}</th>
            <th scope="col">{m['jobs.col.history']}</th>
          </tr>
        </thead>
        <tbody data-jobs>
          {jobs.map((job) => (
            <tr key={job.id} data-job={job.id} hidden={hidden?.has(job.id)}>
              <td><a href={`/jobs/${job.id}`}>{job.name}</a></td>
              <td><a href={`/servers/${encodeURIComponent(job.serverId)}`}>{job.serverName}</a></td>
              <td><StatusBadge health={jobHealth(job)} label={healthLabel(m, job)} /></td>
              <td>{job.lastRunAt ? formatDateTime(tag, job.lastRunAt, timeZone) : '—'}</td>
              <td class="num">{job.durationSeconds === null ? '—' : formatDuration(tag, job.durationSeconds)}</td>
              <td class="num">{job.examinedSize === null ? '—' : formatBytes(tag, job.examinedSize)}</td>
              <td class="num">{job.versions === null ? '—' : formatNumber(tag, job.versions)}</td>
              <td><Strip job={job} f={f} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

