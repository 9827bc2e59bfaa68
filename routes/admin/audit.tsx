import type { Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import { AUDIT_ACTIONS, listAudit } from '../../src/admin/audit';
import { withParams } from '../../src/ui/components/paging';
import { renderPage } from '../../src/ui/page';
import { auditFilter } from '../api/admin/audit';
import { AdminNav, Empty, When } from './_parts';

const PAGE = 100;

/** /admin/audit: security events with filters and a CSV export of the same filter. */
export function auditPage(deps: AppDeps) {
  return async (c: Context) => {
    const filter = auditFilter(c);
    const rows = await listAudit(deps.store.db, { ...filter, limit: PAGE });
    const exportQuery = new URLSearchParams(Object.entries({ action: filter.action, actor: filter.actor }).filter((e): e is [string, string] => Boolean(e[1])));
    return renderPage(c, deps, (page) => {
      const { t } = page;
      return {
        title: t('admin.audit.title'),
        body: (
          <>
            <AdminNav page={page} />
            <form method="get" class="toolbar">
              <label>
                {t('admin.audit.action')}
                <select name="action">
                  <option value="">{t('admin.filter.any')}</option>
                  {AUDIT_ACTIONS.map((a) => <option value={a} selected={a === filter.action}>{a}</option>)}
                </select>
              </label>
              <label>{t('admin.audit.actor')}<input type="text" name="actor" value={filter.actor ?? ''} /></label>
              <button type="submit" class="button">{t('action.apply')}</button>
              <a class="button button-quiet" href={`/api/admin/audit/export.csv${exportQuery.size ? `?${exportQuery}` : ''}`} download>{t('admin.audit.export')}</a>
            </form>
            {rows.length === 0 ? (
              <Empty>{t('admin.audit.empty')}</Empty>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.col.time')}</th>
                      <th scope="col">{t('admin.audit.action')}</th>
                      <th scope="col">{t('admin.audit.actor')}</th>
                      <th scope="col">{t('admin.audit.target')}</th>
                      <th scope="col">{t('auth.sessions.address')}</th>
                      <th scope="col">{t('auth.sessions.device')}</th>
                      <th scope="col">{t('admin.audit.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr class={r.action === 'login.failure' ? 'row-bad' : undefined}>
                        <td><When page={page} at={r.createdAt} /></td>
                        <td>{r.action}</td>
                        <td>{r.actorName ?? '—'} <span class="muted">({r.actorType})</span></td>
                        <td>{r.target ?? ''}</td>
                        <td>{r.address ?? ''}</td>
                        <td>{r.userAgent ?? ''}</td>
                        <td><code>{r.details ? JSON.stringify(r.details) : ''}</code></td>
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
  };
}
