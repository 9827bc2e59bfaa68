import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { getJobRun, jobNames, listJobRuns } from '../../src/admin/job-log';
import { withParams } from '../../src/ui/components/paging';
import { formatDuration } from '../../src/ui/format';
import { renderPage } from '../../src/ui/page';
import { AdminNav, Empty, When } from './_parts';

const PAGE = 50;
const counts = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k}: ${v}`).join(', ') || '—';

/** /admin/jobs: one row per scheduled scan run; failed runs stand out and can be filtered. */
export function jobPages(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono()
    .get('/', async (c) => {
      const status = c.req.query('status') === 'Failed' ? 'Failed' : c.req.query('status') === 'Completed' ? 'Completed' : undefined;
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
              <form method="get" class="toolbar">
                <label>
                  {t('admin.col.status')}
                  <select name="status">
                    <option value="">{t('admin.filter.any')}</option>
                    <option value="Failed" selected={status === 'Failed'}>{t('admin.status.Failed')}</option>
                    <option value="Completed" selected={status === 'Completed'}>{t('admin.status.Completed')}</option>
                  </select>
                </label>
                <label>
                  {t('admin.jobs.name')}
                  <select name="name">
                    <option value="">{t('admin.filter.any')}</option>
                    {names.map((n) => <option value={n} selected={n === name}>{n}</option>)}
                  </select>
                </label>
                <button type="submit" class="button">{t('action.apply')}</button>
              </form>
              {rows.length === 0 ? (
                <Empty>{t('admin.jobs.empty')}</Empty>
              ) : (
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.jobs.name')}</th>
                        <th scope="col">{t('admin.jobs.start')}</th>
                        <th scope="col" class="num">{t('admin.jobs.duration')}</th>
                        <th scope="col">{t('admin.col.status')}</th>
                        <th scope="col">{t('admin.jobs.counts')}</th>
                        <th scope="col">{t('admin.col.error')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr class={r.status === 'Failed' ? 'row-bad' : undefined}>
                          <td><a href={`/admin/jobs/${r.id}`}>{r.name}</a></td>
                          <td><When page={page} at={r.startedAt} /></td>
                          <td class="num">{formatDuration(tag, r.durationMs / 1000)}</td>
                          <td><span class={`status ${r.status === 'Failed' ? 'status-bad' : 'status-ok'}`}>{t(`admin.status.${r.status}`)}</span></td>
                          <td>{counts(r.counts)}</td>
                          <td>{r.error ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {rows.length === PAGE ? <p class="pager"><a href={withParams(c.req.url, { before: rows.at(-1)!.id })} rel="next">{t('paging.next')}</a></p> : null}
            </>
          ),
        };
      });
    })
    .get('/:id{[0-9]+}', async (c) => {
      const row = await getJobRun(db, Number(c.req.param('id')));
      return renderPage(c, deps, (page) => {
        const { t, tag } = page;
        if (!row) return { title: t('admin.notFound'), status: 404, body: <><AdminNav page={page} /><Empty>{t('admin.notFound')}</Empty></> };
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
