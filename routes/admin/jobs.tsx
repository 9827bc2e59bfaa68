import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { getJobRun, jobNames, listJobRuns } from '../../src/admin/job-log';
import { DataTable } from '../../src/ui/components/data-table';
import { formatDuration } from '../../src/ui/format';
import { renderPage } from '../../src/ui/page';
import { FilterBar, FilterSelect, OlderPage } from './_log-list';
import { AdminNav, When, notFoundPage } from './_parts';

const PAGE = 50;
const STATUSES = ['Failed', 'Completed'] as const;
const counts = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k}: ${v}`).join(', ') || '—';

/** /admin/jobs: one row per scheduled scan run; failed runs stand out and can be filtered. */
export function jobPages(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono()
    .get('/', async (c) => {
      const status = STATUSES.find((s) => s === c.req.query('status'));
      const name = c.req.query('name') || undefined;
      const before = Number(c.req.query('before')) || undefined;
      const [rows, names] = await Promise.all([listJobRuns(db, { status, name, beforeId: before, limit: PAGE }), jobNames(db)]);
      return renderPage(c, deps, (page) => {
        const { t, tag } = page;
        return {
          title: t('admin.jobs.title'),
          body: (
            <>
              <AdminNav page={page} />
              <FilterBar page={page}>
                <FilterSelect page={page} label={t('admin.col.status')} name="status" values={STATUSES} selected={status} text={(s) => t(`admin.status.${s}`)} />
                <FilterSelect page={page} label={t('admin.jobs.name')} name="name" values={names} selected={name} />
              </FilterBar>
              <DataTable
                columns={[t('admin.jobs.name'), t('admin.jobs.start'), { label: t('admin.jobs.duration'), num: true }, t('admin.col.status'), t('admin.jobs.counts'), t('admin.col.error')]}
                rows={rows}
                empty={t('admin.jobs.empty')}
                row={(r) => (
                  <tr class={r.status === 'Failed' ? 'row-bad' : undefined}>
                    <td><a href={`/admin/jobs/${r.id}`}>{r.name}</a></td>
                    <td><When page={page} at={r.startedAt} /></td>
                    <td class="num">{formatDuration(tag, r.durationMs / 1000)}</td>
                    <td><span class={`status ${r.status === 'Failed' ? 'status-bad' : 'status-ok'}`}>{t(`admin.status.${r.status}`)}</span></td>
                    <td>{counts(r.counts)}</td>
                    <td>{r.error ?? ''}</td>
                  </tr>
                )}
              />
              <OlderPage page={page} url={c.req.url} rows={rows} size={PAGE} />
            </>
          ),
        };
      });
    })
    .get('/:id{[0-9]+}', async (c) => {
      const row = await getJobRun(db, Number(c.req.param('id')));
      return renderPage(c, deps, (page) => {
        const { t, tag } = page;
        if (!row) return notFoundPage(page);
        return {
          title: t('admin.jobs.detail', { name: row.name, id: row.id }),
          body: (
            <>
              <AdminNav page={page} />
              <section class="panel">
                <dl class="stats">
                  <div><dt>{t('admin.jobs.start')}</dt><dd><When page={page} at={row.startedAt} /></dd></div>
                  <div><dt>{t('admin.jobs.duration')}</dt><dd>{formatDuration(tag, row.durationMs / 1000)}</dd></div>
                  <div><dt>{t('admin.col.status')}</dt><dd><span class={`status ${row.status === 'Failed' ? 'status-bad' : 'status-ok'}`}>{t(`admin.status.${row.status}`)}</span></dd></div>
                  {Object.entries(row.counts).map(([k, v]) => <div><dt>{k}</dt><dd>{v}</dd></div>)}
                </dl>
                {row.error ? <><h2>{t('admin.col.error')}</h2><pre class="code">{row.error}</pre></> : null}
              </section>
            </>
          ),
        };
      });
    });
}
