import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Cards, Table, Tiles, type Fmt } from '../components/job-views';
import { messagesFor } from '../i18n/index';
import type { PageContext } from '../page-context';
import type { Prefs } from '../prefs';
import { selectJobs, type JobQuery } from './job-list';
import { DASHBOARD_KEYS } from './messages';
import type { DashboardData, DashboardState, DashboardView, JobFacts } from './types';

type Layout = Prefs['layout'];

/** What the island needs to filter, sort and refresh: everything but the history strips. */
export function dashboardState(data: DashboardData): DashboardState {
  const facts = data.jobs.map((j): JobFacts => ({
    id: j.id, name: j.name, serverId: j.serverId, serverName: j.serverName, lastStatus: j.lastStatus, state: j.state, lastRunAt: j.lastRunAt, examinedSize: j.examinedSize,
  }));
  return { generatedAt: data.generatedAt, version: data.version, servers: data.servers, facts };
}

/**
 * The dashboard's server-rendered parts: the summary tiles, and every job in the chosen layout,
 * the ones matching `query` first and in its order, the others rendered hidden so the island can
 * show them again when the filter changes.
 */
export function dashboardViews(data: DashboardData, page: Pick<PageContext, 'locale' | 'tag' | 'timeZone'>, layout: Layout, query: JobQuery): { tiles: VNode; jobs: VNode } {
  const f: Fmt = { tag: page.tag, timeZone: page.timeZone, m: messagesFor(page.locale, DASHBOARD_KEYS), now: data.generatedAt };
  const selected = selectJobs(data.jobs, query);
  const shown = new Set(selected.map((j) => j.id));
  const hidden = new Set(data.jobs.filter((j) => !shown.has(j.id)).map((j) => j.id));
  const jobs = hidden.size ? [...selected, ...data.jobs.filter((j) => hidden.has(j.id))] : selected;
  const View = layout === 'table' ? Table : Cards;
  return { tiles: <Tiles data={data} f={f} />, jobs: <View jobs={jobs} f={f} hidden={hidden} /> };
}

/** The body of GET /api/ui/dashboard/view: what a refresh or a layout switch puts in place. */
export function dashboardView(data: DashboardData, page: Pick<PageContext, 'locale' | 'tag' | 'timeZone'>, layout: Layout, query: JobQuery): DashboardView {
  const views = dashboardViews(data, page, layout, query);
  return { ...dashboardState(data), tilesHtml: renderToString(views.tiles), jobsHtml: renderToString(views.jobs) };
}
