import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { clearErrorLog, deleteErrorEntry } from '../../src/admin/audited-changes';
import { getError, listErrors } from '../../src/admin/error-log';
import { DataTable } from '../../src/ui/components/data-table';
import { renderPage } from '../../src/ui/page';
import { FilterBar, FilterSelect, OlderLink } from './_log-list';
import { AdminNav, Flash, PostButton, When, notFoundPage, redirectWith } from './_parts';

const PAGE = 50;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'CRON'] as const;

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
              <FilterBar page={page}>
                <label class="grow">{t('admin.filter.text')}<input type="search" name="q" value={q} /></label>
                <FilterSelect page={page} label={t('admin.errors.method')} name="method" values={METHODS} selected={method} />
              </FilterBar>
              <DataTable
                columns={[t('admin.col.time'), t('admin.errors.method'), t('admin.errors.path'), t('admin.errors.user'), t('admin.errors.message')]}
                rows={rows}
                empty={t('admin.errors.empty')}
                row={(r) => (
                  <tr>
                    <td><a href={`/admin/errors/${r.id}`}><When page={page} at={r.createdAt} /></a></td>
                    <td>{r.method}</td>
                    <td>{r.path}</td>
                    <td>{r.username ?? '—'}</td>
                    <td>{r.message}</td>
                  </tr>
                )}
              />
              {rows.length === 0 ? null : (
                <>
                  <p class="pager"><OlderLink page={page} url={c.req.url} rows={rows} size={PAGE} /></p>
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
        if (!row) return notFoundPage(page);
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
