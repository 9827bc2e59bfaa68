import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatTime } from '../src/ui/format';
import { interpolate } from '../src/ui/i18n/interpolate';
import { Cards, HEALTH_LABEL, Table, Tiles, type Fmt } from '../src/ui/components/job-views';
import { jobQueryParams, selectJobs, SORTS, STATUS_FILTERS, type JobQuery } from '../src/ui/dashboard/job-list';
import type { DashboardMessages } from '../src/ui/dashboard/messages';
import type { DashboardData } from '../src/ui/dashboard/types';
import { dataTime } from './_state';

export type DashboardProps = {
  /**
   * Jobs rendered on the server (the first screenfuls, attention first); the island adds the rest
   * right after hydration, so large dashboards neither render nor hydrate everything at once.
   */
  initialLimit: number | null;
  showAllHref: string;
  data: DashboardData;
  query: JobQuery;
  layout: 'cards' | 'table';
  refreshSeconds: number;
  refreshChoices: number[];
  tag: string;
  timeZone: string;
  messages: DashboardMessages;
};

const SORT_LABEL: Record<(typeof SORTS)[number], keyof DashboardMessages> = {
  attention: 'jobs.sort.attention', name: 'jobs.sort.name', server: 'jobs.sort.server', lastRun: 'jobs.sort.lastRun', size: 'jobs.sort.size',
};

function savePref(body: Record<string, string | number>) {
  void fetch('/prefs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
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
  const [limit, setLimit] = useState(props.initialLimit);
  const selected = useMemo(() => selectJobs(data.jobs, query), [data, query]);
  const shown = limit === null ? selected : selected.slice(0, limit);

  useEffect(() => {
    if (limit === null) return;
    const timer = setTimeout(() => setLimit(null), 0);
    return () => clearTimeout(timer);
  }, []);

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
        <span role="status">{interpolate(m['jobs.count'], { shown: selected.length, total: data.jobs.length })}</span>
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
      {shown.length < selected.length && (
        <noscript>
          <p><a href={props.showAllHref}>{interpolate(m['jobs.showAll'], { total: selected.length })}</a></p>
        </noscript>
      )}
    </div>
  );
}
