import type { Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import { AUDIT_ACTIONS, listAudit } from '../../src/admin/audit';
import { DataTable } from '../../src/ui/components/data-table';
import { renderPage } from '../../src/ui/page';
import { auditFilter } from '../api/admin/audit';
import { FilterBar, FilterSelect, OlderPage } from './_log-list';
import { AdminNav, When } from './_parts';

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
            <FilterBar
              page={page}
              actions={<a class="button button-quiet" href={`/api/admin/audit/export.csv${exportQuery.size ? `?${exportQuery}` : ''}`} download>{t('admin.audit.export')}</a>}
            >
              <FilterSelect page={page} label={t('admin.audit.action')} name="action" values={AUDIT_ACTIONS} selected={filter.action} />
              <label>{t('admin.audit.actor')}<input type="text" name="actor" value={filter.actor ?? ''} /></label>
            </FilterBar>
            <DataTable
              columns={[t('admin.col.time'), t('admin.audit.action'), t('admin.audit.actor'), t('admin.audit.target'), t('auth.sessions.address'), t('auth.sessions.device'), t('admin.audit.details')]}
              rows={rows}
              empty={t('admin.audit.empty')}
              row={(r) => (
                <tr class={r.action === 'login.failure' ? 'row-bad' : undefined}>
                  <td><When page={page} at={r.createdAt} /></td>
                  <td>{r.action}</td>
                  <td>{r.actorName ?? '—'} <span class="muted">({r.actorType})</span></td>
                  <td>{r.target ?? ''}</td>
                  <td>{r.address ?? ''}</td>
                  <td>{r.userAgent ?? ''}</td>
                  <td><code>{r.details ? JSON.stringify(r.details) : ''}</code></td>
                </tr>
              )}
            />
            <OlderPage page={page} url={c.req.url} rows={rows} size={PAGE} />
          </>
        ),
      };
    });
  };
}
