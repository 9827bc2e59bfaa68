import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { listIntegrationRequests } from '../../src/admin/integration-requests';
import { HttpError } from '../../src/http/errors';
import { DataTable } from '../../src/ui/components/data-table';
import { formatBytes } from '../../src/ui/format';
import { renderPage } from '../../src/ui/page';
import { replay, requestWithBody } from '../api/admin/logs';
import { FilterBar, FilterSelect, OlderPage } from './_log-list';
import { AdminNav, Flash, PostButton, When, notFoundPage, redirectWith } from './_parts';

const PAGE = 50;
const DIRECTIONS = ['inbound', 'outbound'] as const;
const STATUSES = ['Queued', 'Completed', 'Failed'] as const;
const STATUS_TONE = { Queued: 'status-none', Completed: 'status-ok', Failed: 'status-bad' } as const;

/** /admin/integration-requests: inbound uploads and outbound deliveries, with body and replay. */
export function integrationPages(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => {
      const direction = DIRECTIONS.find((d) => d === c.req.query('direction'));
      const status = STATUSES.find((s) => s === c.req.query('status'));
      const before = Number(c.req.query('before')) || undefined;
      const rows = await listIntegrationRequests(deps.store.db, { direction, status, beforeId: before, limit: PAGE });
      return renderPage(c, deps, (page) => {
        const { t, tag } = page;
        return {
          title: t('admin.integrations.title'),
          body: (
            <>
              <AdminNav page={page} />
              <FilterBar page={page}>
                <FilterSelect page={page} label={t('admin.integrations.direction')} name="direction" values={DIRECTIONS} selected={direction} text={(d) => t(`admin.integrations.${d}`)} />
                <FilterSelect page={page} label={t('admin.col.status')} name="status" values={STATUSES} selected={status} text={(s) => t(`admin.status.${s}`)} />
              </FilterBar>
              <DataTable
                columns={[t('admin.col.time'), t('admin.integrations.direction'), t('admin.integrations.endpoint'), t('admin.col.status'), { label: t('admin.integrations.size'), num: true }, t('admin.col.error')]}
                rows={rows}
                empty={t('admin.integrations.empty')}
                row={(r) => (
                  <tr class={r.status === 'Failed' ? 'row-bad' : undefined}>
                    <td><a href={`/admin/integration-requests/${r.id}`}><When page={page} at={r.createdAt} /></a></td>
                    <td>{t(`admin.integrations.${r.direction}`)} · {r.kind}</td>
                    <td>{r.method} {r.endpoint}</td>
                    <td><span class={`status ${STATUS_TONE[r.status]}`}>{t(`admin.status.${r.status}`)}</span></td>
                    <td class="num">{formatBytes(tag, r.bodyBytes)}</td>
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
      const row = await requestWithBody(deps, Number(c.req.param('id')));
      return renderPage(c, deps, (page) => {
        const { t, tag } = page;
        if (!row) return notFoundPage(page);
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
