import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { listIntegrationRequests } from '../../src/admin/integration-requests';
import { HttpError } from '../../src/http/errors';
import { withParams } from '../../src/ui/components/paging';
import { formatBytes } from '../../src/ui/format';
import { renderPage } from '../../src/ui/page';
import { replay, requestWithBody } from '../api/admin/logs';
import { AdminNav, Empty, Flash, PostButton, When, redirectWith } from './_parts';

const PAGE = 50;
const STATUS_TONE = { Queued: 'status-none', Completed: 'status-ok', Failed: 'status-bad' } as const;

/** /admin/integration-requests: inbound uploads and outbound deliveries, with body and replay. */
export function integrationPages(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => {
      const direction = c.req.query('direction') === 'inbound' ? 'inbound' : c.req.query('direction') === 'outbound' ? 'outbound' : undefined;
      const status = (['Queued', 'Completed', 'Failed'] as const).find((s) => s === c.req.query('status'));
      const before = Number(c.req.query('before')) || undefined;
      const rows = await listIntegrationRequests(deps.store.db, { direction, status, beforeId: before, limit: PAGE });
      return renderPage(c, deps, (page) => {
        const { t, tag } = page;
        return {
          title: t('admin.integrations.title'),
          body: (
            <>
              <AdminNav page={page} />
              <form method="get" class="toolbar">
                <label>
                  {t('admin.integrations.direction')}
                  <select name="direction">
                    <option value="">{t('admin.filter.any')}</option>
                    <option value="inbound" selected={direction === 'inbound'}>{t('admin.integrations.inbound')}</option>
                    <option value="outbound" selected={direction === 'outbound'}>{t('admin.integrations.outbound')}</option>
                  </select>
                </label>
                <label>
                  {t('admin.col.status')}
                  <select name="status">
                    <option value="">{t('admin.filter.any')}</option>
                    {(['Queued', 'Completed', 'Failed'] as const).map((s) => <option value={s} selected={s === status}>{t(`admin.status.${s}`)}</option>)}
                  </select>
                </label>
                <button type="submit" class="button">{t('action.apply')}</button>
              </form>
              {rows.length === 0 ? (
                <Empty>{t('admin.integrations.empty')}</Empty>
              ) : (
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.col.time')}</th>
                        <th scope="col">{t('admin.integrations.direction')}</th>
                        <th scope="col">{t('admin.integrations.endpoint')}</th>
                        <th scope="col">{t('admin.col.status')}</th>
                        <th scope="col" class="num">{t('admin.integrations.size')}</th>
                        <th scope="col">{t('admin.col.error')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr class={r.status === 'Failed' ? 'row-bad' : undefined}>
                          <td><a href={`/admin/integration-requests/${r.id}`}><When page={page} at={r.createdAt} /></a></td>
                          <td>{t(`admin.integrations.${r.direction}`)} · {r.kind}</td>
                          <td>{r.method} {r.endpoint}</td>
                          <td><span class={`status ${STATUS_TONE[r.status]}`}>{t(`admin.status.${r.status}`)}</span></td>
                          <td class="num">{formatBytes(tag, r.bodyBytes)}</td>
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
      const row = await requestWithBody(deps, Number(c.req.param('id')));
      return renderPage(c, deps, (page) => {
        const { t, tag } = page;
        if (!row) return { title: t('admin.notFound'), status: 404, body: <><AdminNav page={page} /><Empty>{t('admin.notFound')}</Empty></> };
        const replayable = row.direction === 'inbound' && row.kind === 'upload' && row.status === 'Failed' && row.body !== null;
        return {
          title: t('admin.integrations.detail', { id: row.id }),
          body: (
            <>
              <AdminNav page={page} />
              <Flash c={c} page={page} />
              <section class="panel">
                <dl class="stats">
                  <div><dt>{t('admin.col.time')}</dt><dd><When page={page} at={row.createdAt} /></dd></div>
                  <div><dt>{t('admin.integrations.updated')}</dt><dd><When page={page} at={row.updatedAt} /></dd></div>
                  <div><dt>{t('admin.integrations.direction')}</dt><dd>{t(`admin.integrations.${row.direction}`)} · {row.kind}</dd></div>
                  <div><dt>{t('admin.integrations.endpoint')}</dt><dd>{row.method} {row.endpoint}</dd></div>
                  <div><dt>{t('admin.col.status')}</dt><dd><span class={`status ${STATUS_TONE[row.status]}`} data-status={row.status}>{t(`admin.status.${row.status}`)}</span></dd></div>
                  <div><dt>{t('admin.integrations.responseCode')}</dt><dd>{row.responseCode ?? '—'}</dd></div>
                  <div><dt>{t('admin.integrations.source')}</dt><dd>{row.sourceAddress ?? '—'}</dd></div>
                  <div><dt>{t('admin.integrations.size')}</dt><dd>{formatBytes(tag, row.bodyBytes)}</dd></div>
                </dl>
                {row.error ? <><h2>{t('admin.col.error')}</h2><pre class="code">{row.error}</pre></> : null}
                {replayable ? <PostButton action={`/admin/integration-requests/${row.id}/replay`} label={t('admin.integrations.replay')} /> : null}
              </section>
              <h2>{t('admin.integrations.headers')}</h2>
              <pre class="code">{JSON.stringify(row.headers, null, 2)}</pre>
              <h2>{t('admin.integrations.body')}</h2>
              {row.bodyTruncated ? <p class="muted">{t('admin.integrations.truncated')}</p> : null}
              <pre class="code">{row.body ?? '—'}</pre>
            </>
          ),
        };
      });
    })
    .post('/:id{[0-9]+}/replay', async (c) => {
      const id = Number(c.req.param('id'));
      try {
        const result = await replay(deps, c, id);
        const outcome = result.status === 200 ? 'replayed' : result.status === 409 ? 'replayDuplicate' : 'replayFailed';
        return redirectWith(c, `/admin/integration-requests/${id}`, result.status === 200 || result.status === 409 ? { notice: outcome } : { error: 'REPLAY_FAILED' });
      } catch (err) {
        if (err instanceof HttpError) return redirectWith(c, `/admin/integration-requests/${id}`, { error: 'REPLAY_FAILED' });
        throw err;
      }
    });
}
