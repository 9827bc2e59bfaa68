import type { DashboardJob, JobFacts } from './types';

/** What a job's card says at a glance; the order is the "needs attention first" order. */
export const HEALTH = ['bad', 'late', 'warn', 'ok', 'none'] as const;
export type Health = (typeof HEALTH)[number];

const FAILED = new Set(['Error', 'Fatal']);

export function jobHealth(job: Pick<DashboardJob, 'lastStatus' | 'state'>): Health {
  if (job.state === 'failed' || (job.lastStatus !== null && FAILED.has(job.lastStatus))) return 'bad';
  if (job.state === 'overdue' || job.state === 'late') return 'late';
  if (job.lastStatus === 'Warning') return 'warn';
  if (job.lastStatus === null) return 'none';
  return 'ok';
}

/** Colour class and icon of one run status; the icon differs per status so colour is never alone. */
export function runTone(status: string): 'ok' | 'warn' | 'bad' | 'none' {
  if (status === 'Success') return 'ok';
  if (status === 'Warning') return 'warn';
  if (FAILED.has(status)) return 'bad';
  return 'none';
}

export const STATUS_FILTERS = ['all', 'problems', 'bad', 'late', 'warn', 'ok'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const SORTS = ['attention', 'name', 'server', 'lastRun', 'size'] as const;
export type Sort = (typeof SORTS)[number];

export type JobQuery = { text: string; status: StatusFilter; server: string; sort: Sort };
export const DEFAULT_QUERY: JobQuery = { text: '', status: 'all', server: '', sort: 'attention' };

/** Reads a query from URL parameters, ignoring unknown values. */
export function parseJobQuery(params: URLSearchParams): JobQuery {
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    text: (params.get('q') ?? '').slice(0, 200),
    status: (STATUS_FILTERS as readonly string[]).includes(status ?? '') ? (status as StatusFilter) : 'all',
    server: params.get('server') ?? '',
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'attention',
  };
}

/** The URL parameters for a query, omitting defaults so plain URLs stay plain. */
export function jobQueryParams(q: JobQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.text) p.set('q', q.text);
  if (q.status !== 'all') p.set('status', q.status);
  if (q.server) p.set('server', q.server);
  if (q.sort !== 'attention') p.set('sort', q.sort);
  return p;
}

function matchesStatus(health: Health, filter: StatusFilter) {
  if (filter === 'all') return true;
  if (filter === 'problems') return health === 'bad' || health === 'late';
  return health === filter;
}

// One collator for every comparison: localeCompare with options builds a new one per call, which
// made sorting a few hundred jobs a long task on slow phones.
const byText = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare;
const newestFirst = (a: string | null, b: string | null) => (b ?? '').localeCompare(a ?? '');

const COMPARATORS: Record<Sort, (a: JobFacts, b: JobFacts) => number> = {
  attention: (a, b) => HEALTH.indexOf(jobHealth(a)) - HEALTH.indexOf(jobHealth(b)) || byText(a.serverName, b.serverName) || byText(a.name, b.name),
  name: (a, b) => byText(a.name, b.name) || byText(a.serverName, b.serverName),
  server: (a, b) => byText(a.serverName, b.serverName) || byText(a.name, b.name),
  lastRun: (a, b) => newestFirst(a.lastRunAt, b.lastRunAt) || byText(a.name, b.name),
  size: (a, b) => (b.examinedSize ?? -1) - (a.examinedSize ?? -1) || byText(a.name, b.name),
};

/** Filters by text (job or server name), status and server, then sorts; never mutates `jobs`. */
export function selectJobs<J extends JobFacts>(jobs: readonly J[], q: JobQuery): J[] {
  const needle = q.text.trim().toLocaleLowerCase();
  return jobs
    .filter((j) => (!needle || j.name.toLocaleLowerCase().includes(needle) || j.serverName.toLocaleLowerCase().includes(needle))
      && (!q.server || j.serverId === q.server)
      && matchesStatus(jobHealth(j), q.status))
    .sort(COMPARATORS[q.sort]);
}
