import { describe, expect, it } from 'vitest';
import { jobHealth, jobQueryParams, parseJobQuery, selectJobs, DEFAULT_QUERY } from '../../src/ui/dashboard/job-list';
import type { DashboardJob } from '../../src/ui/dashboard/types';

function job(over: Partial<DashboardJob>): DashboardJob {
  return {
    id: 1, name: 'job', serverId: 'm1', serverName: 'server', lastStatus: 'Success', state: 'up', lastRunAt: '2026-01-01T00:00:00Z',
    nextDueAt: null, durationSeconds: 1, examinedSize: 1, storageUsed: 1, versions: 1, runCount: 1, history: [], ...over,
  };
}

describe('jobHealth', () => {
  const cases: [string, Partial<DashboardJob>, string][] = [
    ['a failed last run is failing', { lastStatus: 'Error' }, 'bad'],
    ['a fatal last run is failing', { lastStatus: 'Fatal' }, 'bad'],
    ['the monitor saying failed is failing', { state: 'failed' }, 'bad'],
    ['an overdue job is late', { state: 'overdue' }, 'late'],
    ['a job within its grace period is late', { state: 'late' }, 'late'],
    ['failing wins over overdue', { state: 'overdue', lastStatus: 'Error' }, 'bad'],
    ['a warning run is a warning', { lastStatus: 'Warning' }, 'warn'],
    ['a job without runs has none', { lastStatus: null, state: null }, 'none'],
    ['a good run is ok', {}, 'ok'],
  ];
  for (const [name, over, expected] of cases) it(name, () => expect(jobHealth(job(over))).toBe(expected));
});

describe('selectJobs', () => {
  const jobs = [
    job({ id: 1, name: 'Photos', serverName: 'nas', serverId: 'a', lastRunAt: '2026-01-03T00:00:00Z', examinedSize: 10 }),
    job({ id: 2, name: 'Documents', serverName: 'nas', serverId: 'a', lastStatus: 'Error', lastRunAt: '2026-01-01T00:00:00Z', examinedSize: 30 }),
    job({ id: 3, name: 'Mail', serverName: 'office', serverId: 'b', state: 'overdue', lastRunAt: '2026-01-02T00:00:00Z', examinedSize: 20 }),
    job({ id: 4, name: 'Archive', serverName: 'office', serverId: 'b', lastStatus: 'Warning', lastRunAt: null, examinedSize: null }),
  ];
  const ids = (q: Partial<typeof DEFAULT_QUERY>) => selectJobs(jobs, { ...DEFAULT_QUERY, ...q }).map((j) => j.id);

  it('puts failing, then overdue, then warning jobs first', () => expect(ids({})).toEqual([2, 3, 4, 1]));
  it('matches text in job or server names, ignoring case', () => {
    expect(ids({ text: 'PHO' })).toEqual([1]);
    expect(ids({ text: 'office' })).toEqual([3, 4]);
  });
  it('filters failing or overdue jobs together', () => expect(ids({ status: 'problems' })).toEqual([2, 3]));
  it('filters by server', () => expect(ids({ server: 'a' })).toEqual([2, 1]));
  it('sorts by name, newest run and size', () => {
    expect(ids({ sort: 'name' })).toEqual([4, 2, 3, 1]);
    expect(ids({ sort: 'lastRun' })).toEqual([1, 3, 2, 4]);
    expect(ids({ sort: 'size' })).toEqual([2, 3, 1, 4]);
  });
  it('does not reorder the list it was given', () => {
    selectJobs(jobs, { ...DEFAULT_QUERY, sort: 'name' });
    expect(jobs.map((j) => j.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('the query in the URL', () => {
  it('round-trips and leaves defaults out', () => {
    const q = { text: 'nas', status: 'problems' as const, server: 'a', sort: 'size' as const };
    expect(parseJobQuery(jobQueryParams(q))).toEqual(q);
    expect(jobQueryParams(DEFAULT_QUERY).toString()).toBe('');
  });
  it('ignores unknown values', () => {
    expect(parseJobQuery(new URLSearchParams('status=weird&sort=random'))).toEqual(DEFAULT_QUERY);
  });
});
