import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { clearErrorLog, deleteErrorEntry } from '../../src/admin/audited-changes';
import { getError, listErrors } from '../../src/admin/error-log';
import { withParams } from '../../src/ui/components/paging';
import { renderPage } from '../../src/ui/page';
import { AdminNav, Empty, Flash, PostButton, When, redirectWith } from './_parts';

const PAGE = 50;

/** /admin/errors: every unhandled error, filterable, with detail, delete and clear all. */
export function errorPages(deps: AppDeps) {
  const { db } = deps.store;

  return new Hono()
    .get('/', async (c) => {
      const q = c.req.query('q') ?? '';
      const method = c.req.query('method') ?? '';
      const before = Number(c.req.query('before')) || undefined;
      const rows = await listErrors(db, { text: q || undefined, method: method || undefined, beforeId: before, limit: PAGE });
      return renderPage(c, deps, (page) => {
        const { t } = page;
        return {
          title: t('admin.errors.title'),
          body: (
            <>
              <AdminNav page={page} />
              <Flash c={c} page={page} />
              <form method="get" class="toolbar">
                <label class="grow">{t('admin.filter.text')}<input type="search" name="q" value={q} /></label>
                <label>
                  {t('admin.errors.method')}
                  <select name="method">
                    <option value="">{t('admin.filter.any')}</option>
                    {['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'CRON'].map((m) => <option value={m} selected={m === method}>{m}</option>)}
                  </select>
                </label>
                <button type="submit" class="button">{t('action.apply')}</button>
              </form>
              {rows.length === 0 ? (
                <Empty>{t('admin.errors.empty')}</Empty>
              ) : (
                <>
                  <div class="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('admin.col.time')}</th>
                          <th scope="col">{t('admin.errors.method')}</th>
                          <th scope="col">{t('admin.errors.path')}</th>
                          <th scope="col">{t('admin.errors.user')}</th>
                          <th scope="col">{t('admin.errors.message')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r) => (
                          <tr>
                            <td><a href={`/admin/errors/${r.id}`}><When page={page} at={r.createdAt} /></a></td>
                            <td>{r.method}</td>
                            <td>{r.path}</td>
                            <td>{r.username ?? '—'}</td>
                            <td>{r.message}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <p class="pager">
                    {rows.length === PAGE ? <a href={withParams(c.req.url, { before: rows.at(-1)!.id })} rel="next">{t('paging.next')}</a> : null}
                  </p>
                  <PostButton action="/admin/errors/clear" label={t('admin.errors.clear')} quiet />
                </>
              )}
            </>
          ),
        };
      });
    })
    .get('/:id{[0-9]+}', async (c) => {
      const row = await getError(db, Number(c.req.param('id')));
      return renderPage(c, deps, (page) => {
        const { t } = page;
        if (!row) return { title: t('admin.notFound'), status: 404, body: <><AdminNav page={page} /><Empty>{t('admin.notFound')}</Empty></> };
        return {
          title: t('admin.errors.detail', { id: row.id }),
          body: (
            <>
              <AdminNav page={page} />
              <section class="panel">
                <dl class="stats">
                  <div><dt>{t('admin.col.time')}</dt><dd><When page={page} at={row.createdAt} /></dd></div>
                  <div><dt>{t('admin.errors.method')}</dt><dd>{row.method}</dd></div>
                  <div><dt>{t('admin.errors.path')}</dt><dd>{row.path}</dd></div>
                  <div><dt>{t('admin.errors.user')}</dt><dd>{row.username ?? '—'}</dd></div>
                </dl>
                <h2>{t('admin.errors.message')}</h2>
                <p>{row.message}</p>
                <h2>{t('admin.errors.stack')}</h2>
                <pre class="code">{row.stack ?? '—'}</pre>
              </section>
              <PostButton action={`/admin/errors/${row.id}/delete`} label={t('admin.delete')} quiet />
            </>
          ),
        };
      });
    })
    .post('/:id{[0-9]+}/delete', async (c) => {
      const id = Number(c.req.param('id'));
      if (!(await deleteErrorEntry(deps, c, id))) return redirectWith(c, '/admin/errors', { error: 'NOT_FOUND' });
      return redirectWith(c, '/admin/errors', { notice: 'deleted' });
    })
    .post('/clear', async (c) => {
      await clearErrorLog(deps, c);
      return redirectWith(c, '/admin/errors', { notice: 'cleared' });
    });
}
