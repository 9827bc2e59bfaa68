import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatTime } from '../src/ui/format';
import { interpolate } from '../src/ui/i18n/interpolate';
import { collectJobElements, showJobs, type JobElements } from '../src/ui/dashboard/job-elements';
import { jobQueryParams, parseJobQuery, selectJobs, SORTS, STATUS_FILTERS, type JobQuery } from '../src/ui/dashboard/job-list';
import { HEALTH_LABEL, type ToolbarMessages } from '../src/ui/dashboard/messages';
import { cachedAtOfResponse, isUnreachableStatus } from '../src/ui/offline-copy';
import type { DashboardState, DashboardView } from '../src/ui/dashboard/types';
import type { Slots } from '../src/ui/island';
import type { Prefs } from '../src/ui/prefs';
import { slotContent } from '../src/ui/slot';
import { dataStale, dataTime } from './_state';

type Layout = Prefs['layout'];

export type DashboardProps = Slots<'tiles' | 'jobs'> & {
  state: DashboardState;
  query: JobQuery;
  layout: Layout;
  refreshSeconds: number;
  refreshChoices: number[];
  tag: string;
  timeZone: string;
  messages: ToolbarMessages;
};

const SORT_LABEL: Record<(typeof SORTS)[number], keyof ToolbarMessages> = {
  attention: 'jobs.sort.attention', name: 'jobs.sort.name', server: 'jobs.sort.server', lastRun: 'jobs.sort.lastRun', size: 'jobs.sort.size',
};

function savePref(body: Record<string, string | number>) {
  void fetch('/prefs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
}

/** The query the toolbar's controls hold, which differs from the island's when someone typed before it hydrated. */
function formQuery(form: HTMLFormElement): JobQuery {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.set(name, value);
  return parseJobQuery(params);
}

/**
 * Summary tiles and every job, filterable and sortable, refreshed in the background while visible.
 * The tiles and the job cards (or table) are server HTML in slots: the island hydrates only the
 * toolbar, filters by moving the server-rendered job elements, and on a refresh or a layout switch
 * puts newer server HTML in place (GET /api/ui/dashboard/view).
 */
export default function Dashboard(props: DashboardProps) {
  const m = props.messages;
  const [state, setState] = useState(props.state);
  const [query, setQuery] = useState(props.query);
  const [layout, setLayout] = useState(props.layout);
  const [refreshSeconds, setRefreshSeconds] = useState(props.refreshSeconds);
  const [refreshedAt, setRefreshedAt] = useState(props.state.generatedAt);
  const [failed, setFailed] = useState(false);
  const tiles = useRef<HTMLDivElement>(null);
  const jobs = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const elements = useRef<JobElements | null>(null);
  // Read by the refresh timer, whose callback outlives renders.
  const latest = useRef({ version: props.state.version, generatedAt: props.state.generatedAt, query, layout, request: 0 });
  latest.current.query = query;
  latest.current.layout = layout;

  const selected = useMemo(() => selectJobs(state.facts, query), [state, query]);

  useLayoutEffect(() => {
    if (!jobs.current) return;
    elements.current ??= collectJobElements(jobs.current);
    showJobs(elements.current, selected.map((j) => j.id));
  }, [selected]);

  useEffect(() => {
    if (!form.current) return;
    const typed = formQuery(form.current);
    if (jobQueryParams(typed).toString() !== jobQueryParams(query).toString()) update(typed);
  }, []);

  /** Puts a view's server HTML and facts in place; `fetchedAt` is when it was fetched. */
  function showView(view: DashboardView, fetchedAt: string) {
    tiles.current!.innerHTML = view.tilesHtml;
    jobs.current!.innerHTML = view.jobsHtml;
    elements.current = collectJobElements(jobs.current!);
    latest.current.version = view.version;
    latest.current.generatedAt = view.generatedAt;
    setState({ generatedAt: view.generatedAt, version: view.version, servers: view.servers, facts: view.facts });
    dataTime.value = fetchedAt;
  }

  /**
   * Fetches the view for `forLayout`; with `ifChanged`, a 304 when the data is the same. Only the
   * newest request is applied. Answers from the service worker's offline copy, and failures to
   * reach the server, leave the data marked stale (the offline banner) until a fetch reaches it.
   */
  async function loadView(forLayout: Layout, ifChanged: boolean): Promise<boolean> {
    const request = ++latest.current.request;
    const fail = (unreachable: boolean) => {
      if (request !== latest.current.request) return false;
      setFailed(true);
      if (unreachable) dataStale.value = true;
      return false;
    };
    const params = jobQueryParams(latest.current.query);
    params.set('layout', forLayout);
    let res: Response;
    try {
      res = await fetch(`/api/ui/dashboard/view?${params}`, {
        cache: 'no-store',
        headers: ifChanged ? { 'If-None-Match': `"${latest.current.version}"` } : {},
      });
    } catch {
      return fail(true);
    }
    if (res.status !== 304 && !res.ok) return fail(isUnreachableStatus(res.status));
    const view = res.status === 304 ? null : await (res.json() as Promise<DashboardView>).catch(() => undefined);
    if (view === undefined) return fail(false);
    if (request !== latest.current.request) return false;

    const copiedAt = cachedAtOfResponse(res.headers);
    if (copiedAt !== null) {
      // The server could not be reached. The last copy stands in, unless what is on screen is newer.
      const shown = view !== null && view.generatedAt >= latest.current.generatedAt;
      if (shown) showView(view, copiedAt);
      fail(true);
      return shown;
    }
    if (view) showView(view, view.generatedAt);
    setRefreshedAt(view?.generatedAt ?? new Date().toISOString());
    setFailed(false);
    dataStale.value = false;
    return true;
  }

  const refresh = () => loadView(latest.current.layout, true);

  async function switchLayout(next: Layout) {
    if (next === layout || !(await loadView(next, false))) return;
    setLayout(next);
    savePref({ layout: next });
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

  const total = state.facts.length;
  return (
    <div>
      <div ref={tiles} {...slotContent(props.slots?.tiles)} />
      {total === 0 ? (
        <p class="empty">{m['dashboard.empty']}</p>
      ) : (
        <>
          <h2>{m['jobs.heading']}</h2>
          <form class="toolbar" role="search" ref={form} onSubmit={(e) => e.preventDefault()}>
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
                {state.servers.map((s) => <option value={s.id}>{s.name}</option>)}
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
                <button type="button" class="chip" aria-pressed={layout === l ? 'true' : 'false'} onClick={() => void switchLayout(l)}>
                  {m[`jobs.layout.${l}`]}
                </button>
              ))}
            </fieldset>
          </form>
          <div class="toolbar-meta">
            <span role="status">{interpolate(m['jobs.count'], { shown: selected.length, total })}</span>
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
                ? interpolate(m['refresh.failed'], { time: formatTime(props.tag, state.generatedAt, props.timeZone) })
                : interpolate(m['refresh.last'], { time: formatTime(props.tag, refreshedAt, props.timeZone) })}
            </span>
            <button type="button" class="button button-quiet" onClick={() => void refresh()}>{m['refresh.now']}</button>
          </div>
          {selected.length === 0 && <p class="empty">{m['jobs.noMatch']}</p>}
        </>
      )}
      <div ref={jobs} hidden={selected.length === 0} {...slotContent(props.slots?.jobs)} />
    </div>
  );
}
