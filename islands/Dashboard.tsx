import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatBytes, formatDateTime, formatDuration, formatNumber, formatRelative, formatTime } from '../src/ui/format';
import { interpolate } from '../src/ui/i18n/interpolate';
import { HistoryStrip, StatusBadge } from '../src/ui/components/status';
import { jobHealth, jobQueryParams, selectJobs, SORTS, STATUS_FILTERS, type Health, type JobQuery } from '../src/ui/dashboard/job-list';
import type { DashboardMessages } from '../src/ui/dashboard/messages';
import type { DashboardData, DashboardJob } from '../src/ui/dashboard/types';
import { dataTime } from './_state';

export type DashboardProps = {
  data: DashboardData;
  query: JobQuery;
  layout: 'cards' | 'table';
  refreshSeconds: number;
  refreshChoices: number[];
  tag: string;
  timeZone: string;
  messages: DashboardMessages;
};

type Fmt = { tag: string; timeZone: string; m: DashboardMessages; now: string };

const HEALTH_LABEL: Record<Health, keyof DashboardMessages> = { bad: 'health.bad', late: 'health.late', warn: 'health.warn', ok: 'health.ok', none: 'health.none' };
const SORT_LABEL: Record<(typeof SORTS)[number], keyof DashboardMessages> = {
  attention: 'jobs.sort.attention', name: 'jobs.sort.name', server: 'jobs.sort.server', lastRun: 'jobs.sort.lastRun', size: 'jobs.sort.size',
};

function statusText(m: DashboardMessages, status: string) {
  return m[`status.${status}` as keyof DashboardMessages] ?? status;
}

function healthLabel(m: DashboardMessages, job: DashboardJob) {
  if (job.state === 'overdue' || job.state === 'late') return m[`state.${job.state}`];
  return job.lastStatus ? statusText(m, job.lastStatus) : m['health.none'];
}

function savePref(body: Record<string, string | number>) {
  void fetch('/prefs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
}

function Tiles({ data, f }: { data: DashboardData; f: Fmt }) {
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

function Cards({ jobs, f }: { jobs: DashboardJob[]; f: Fmt }) {
  const { m, tag, timeZone } = f;
  return (
    <ul class="cards">
      {jobs.map((job) => {
        const health = jobHealth(job);
        return (
          <li key={job.id} class={`card ${TONE[health]}`} data-job={job.id}>
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

function Table({ jobs, f }: { jobs: DashboardJob[]; f: Fmt }) {
  const { m, tag, timeZone } = f;
  return (
    <div class="table-wrap">
      <table>
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
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-job={job.id}>
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

/** Summary tiles and every job, filterable and sortable, refreshed in the background while visible. */
export default function Dashboard(props: DashboardProps) {
  const m = props.messages;
  const [data, setData] = useState(props.data);
  const [query, setQuery] = useState(props.query);
  const [layout, setLayout] = useState(props.layout);
  const [refreshSeconds, setRefreshSeconds] = useState(props.refreshSeconds);
  const [refreshedAt, setRefreshedAt] = useState(props.data.generatedAt);
  const [failed, setFailed] = useState(false);
  const version = useRef(props.data.version);

  const f: Fmt = { tag: props.tag, timeZone: props.timeZone, m, now: data.generatedAt };
  const shown = useMemo(() => selectJobs(data.jobs, query), [data, query]);

  async function refresh() {
    try {
      const res = await fetch('/api/ui/dashboard', { headers: { 'If-None-Match': `"${version.current}"` } });
      if (res.status !== 304 && !res.ok) throw new Error(`HTTP ${res.status}`);
      if (res.status === 200) {
        const next = (await res.json()) as DashboardData;
        version.current = next.version;
        setData(next);
        dataTime.value = next.generatedAt;
        setRefreshedAt(next.generatedAt);
      } else {
        setRefreshedAt(new Date().toISOString());
      }
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    if (!refreshSeconds) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = Date.now();
    const schedule = (ms = refreshSeconds * 1000) => {
      clearTimeout(timer);
      // Hidden tabs do not poll; they catch up as soon as they are shown again.
      if (!document.hidden) timer = setTimeout(() => void tick(), Math.max(0, ms));
    };
    const tick = async () => {
      last = Date.now();
      await refresh();
      schedule();
    };
    const onVisibility = () => schedule(refreshSeconds * 1000 - (Date.now() - last));
    document.addEventListener('visibilitychange', onVisibility);
    schedule();
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refreshSeconds]);

  function update(next: Partial<JobQuery>) {
    const q = { ...query, ...next };
    setQuery(q);
    const params = jobQueryParams(q).toString();
    history.replaceState(null, '', params ? `?${params}` : location.pathname);
  }

  if (data.jobs.length === 0) {
    return (
      <div>
        <Tiles data={data} f={f} />
        <p class="empty">{m['dashboard.empty']}</p>
      </div>
    );
  }

  return (
    <div>
      <Tiles data={data} f={f} />
      <h2>{m['jobs.heading']}</h2>
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="grow">
          {m['jobs.search']}
          <input type="search" name="q" value={query.text} onInput={(e) => update({ text: e.currentTarget.value })} />
        </label>
        <label>
          {m['jobs.status']}
          <select name="status" value={query.status} onChange={(e) => update({ status: e.currentTarget.value as JobQuery['status'] })}>
            {STATUS_FILTERS.map((s) => (
              <option value={s}>{s === 'all' ? m['jobs.status.all'] : s === 'problems' ? m['jobs.status.problems'] : m[HEALTH_LABEL[s]]}</option>
            ))}
          </select>
        </label>
        <label>
          {m['jobs.server']}
          <select name="server" value={query.server} onChange={(e) => update({ server: e.currentTarget.value })}>
            <option value="">{m['jobs.server.all']}</option>
            {data.servers.map((s) => <option value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>
          {m['jobs.sort']}
          <select name="sort" value={query.sort} onChange={(e) => update({ sort: e.currentTarget.value as JobQuery['sort'] })}>
            {SORTS.map((s) => <option value={s}>{m[SORT_LABEL[s]]}</option>)}
          </select>
        </label>
        <fieldset class="pref-form">
          <legend>{m['jobs.layout']}</legend>
          {(['cards', 'table'] as const).map((l) => (
            <button
              type="button"
              class="chip"
              aria-pressed={layout === l ? 'true' : 'false'}
              onClick={() => {
                setLayout(l);
                savePref({ layout: l });
              }}
            >
              {m[`jobs.layout.${l}`]}
            </button>
          ))}
        </fieldset>
      </form>
      <div class="toolbar-meta">
        <span role="status">{interpolate(m['jobs.count'], { shown: shown.length, total: data.jobs.length })}</span>
        <label>
          {m['refresh.every']}{' '}
          <select
            name="refresh"
            value={String(refreshSeconds)}
            onChange={(e) => {
              const n = Number(e.currentTarget.value);
              setRefreshSeconds(n);
              savePref({ refreshSeconds: n });
            }}
          >
            {props.refreshChoices.map((s) => (
              <option value={String(s)}>{s === 0 ? m['refresh.off'] : s < 60 ? `${s} s` : `${s / 60} min`}</option>
            ))}
          </select>
        </label>
        <span class="last-refresh">
          {failed
            ? interpolate(m['refresh.failed'], { time: formatTime(f.tag, data.generatedAt, f.timeZone) })
            : interpolate(m['refresh.last'], { time: formatTime(f.tag, refreshedAt, f.timeZone) })}
        </span>
        <button type="button" class="button button-quiet" onClick={() => void refresh()}>{m['refresh.now']}</button>
      </div>
      {shown.length === 0 ? <p class="empty">{m['jobs.noMatch']}</p> : layout === 'table' ? <Table jobs={shown} f={f} /> : <Cards jobs={shown} f={f} />}
    </div>
  );
}
