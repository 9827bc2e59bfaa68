import { Hono, type Context } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../src/deps';
import { servers } from '../src/db/schema/index';
import { jsonError } from '../src/http/errors';
import { RunRow } from '../src/ui/components/run-row';
import { Table, type Fmt } from '../src/ui/components/job-views';
import { Pager, withParams } from '../src/ui/components/paging';
import { loadDashboard } from '../src/ui/dashboard/model';
import { jobHealth } from '../src/ui/dashboard/job-list';
import { DASHBOARD_KEYS } from '../src/ui/dashboard/messages';
import { formatBytes, formatNumber, formatRelative } from '../src/ui/format';
import { messagesFor, type MessageKey } from '../src/ui/i18n/index';
import { renderPage } from '../src/ui/page';
import { RUN_SORTS, runPage, type RunSort } from '../src/ui/run-pages';

const notesForm = z.object({ alias: z.string().trim().max(100), note: z.string().trim().max(2000) });

/** GET /servers/:id: the server's jobs and stats, its run history (paged, sortable), alias and note. */
export function serverRoutes(deps: AppDeps) {
  const { db } = deps.store;

  async function show(c: Context) {
    const id = c.req.param('id') ?? '';
    const [server] = await db.select().from(servers).where(eq(servers.id, id));
    if (!server) {
      return renderPage(c, deps, (page) => ({ title: page.t('server.notFound'), body: <p class="empty">{page.t('server.notFound')}</p>, status: 404 }));
    }
    const sortParam = c.req.query('sort');
    const sort: RunSort = (RUN_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as RunSort) : 'begin';
    const dir = c.req.query('dir') === 'asc' ? 'asc' : 'desc';
    const [dashboard, history] = await Promise.all([loadDashboard(db, deps.clock()), runPage(db, { serverId: id }, sort, dir, c.req.query('page'))]);
    const serverJobs = dashboard.jobs.filter((j) => j.serverId === id);
    const name = server.alias || server.name;

    return renderPage(c, deps, (page) => {
      const { t, tag, timeZone } = page;
      const f: Fmt = { tag, timeZone, m: messagesFor(page.locale, DASHBOARD_KEYS), now: dashboard.generatedAt };
      const lastBackup = serverJobs.map((j) => j.lastRunAt).filter((v): v is string => !!v).sort().at(-1);
      const tiles = [
        { label: t('tile.jobs'), value: formatNumber(tag, serverJobs.length) },
        { label: t('tile.runs'), value: formatNumber(tag, history.paging.total) },
        { label: t('tile.failed'), value: formatNumber(tag, serverJobs.filter((j) => jobHealth(j) === 'bad').length) },
        { label: t('tile.overdue'), value: formatNumber(tag, serverJobs.filter((j) => j.state === 'overdue').length) },
        { label: t('tile.storage'), value: formatBytes(tag, serverJobs.reduce((sum, j) => sum + (j.storageUsed ?? 0), 0)) },
        { label: t('tile.lastBackup'), value: lastBackup ? formatRelative(tag, lastBackup, page.now) : t('tile.never') },
      ];
      const sortHeader = (key: RunSort, label: MessageKey, numeric = false) => {
        const active = sort === key;
        const nextDir = active && dir === 'desc' ? 'asc' : 'desc';
        return (
          <th scope="col" class={numeric ? 'num' : undefined} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
            <a href={withParams(c.req.url, { sort: key, dir: nextDir, page: null })}>{t(label)}{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</a>
          </th>
        );
      };
      return {
        title: t('server.title', { name }),
        body: (
          <>
            <p class="muted">
              {t('server.id')}: <code>{server.id}</code> · <a href={`/metrics?scope=${encodeURIComponent(`server:${server.id}`)}`}>{t('server.metrics')}</a>
            </p>
            <ul class="tiles">
              {tiles.map((tile) => (
                <li class="tile">
                  <span class="tile-label">{tile.label}</span>
                  <span class="tile-value">{tile.value}</span>
                </li>
              ))}
            </ul>
            <h2>{t('server.jobs')}</h2>
            {serverJobs.length ? <Table jobs={serverJobs} f={f} /> : <p class="empty">{t('status.none')}</p>}
            <h2 id="history">{t('server.history')}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    {sortHeader('begin', 'run.begin')}
                    <th scope="col">{t('jobs.col.job')}</th>
                    <th scope="col">{t('run.status')}</th>
                    {sortHeader('duration', 'run.duration', true)}
                    {sortHeader('size', 'run.examinedSize', true)}
                    {sortHeader('uploaded', 'run.uploaded', true)}
                    <th scope="col" class="num">{t('run.warnings')}</th>
                    <th scope="col" class="num">{t('run.errors')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.rows.map((r) => <RunRow run={r} page={page} withJob />)}
                </tbody>
              </table>
            </div>
            <Pager paging={history.paging} t={t} href={(p) => `${withParams(c.req.url, { page: p })}#history`} />
            <h2>{t('server.note')}</h2>
            <form method="post" action={`/servers/${encodeURIComponent(server.id)}`} class="panel">
              <p>
                <label>
                  {t('server.alias')}
                  <br />
                  <input type="text" name="alias" value={server.alias} maxLength={100} />
                </label>
              </p>
              <p>
                <label>
                  {t('server.note')}
                  <br />
                  <textarea name="note" rows={3} cols={60} maxLength={2000}>{server.note}</textarea>
                </label>
              </p>
              <button type="submit" class="button">{t('server.save')}</button>
            </form>
          </>
        ),
      };
    });
  }

  return new Hono()
    .get('/:id', show)
    .post('/:id', async (c) => {
      const id = c.req.param('id');
      const parsed = notesForm.safeParse(await c.req.parseBody());
      if (!parsed.success) return jsonError(c, 400, 'alias (at most 100 characters) and note (at most 2,000) are required form fields.');
      const [updated] = await db
        .update(servers)
        .set({ alias: parsed.data.alias, note: parsed.data.note, updatedAt: deps.clock().toISOString() })
        .where(eq(servers.id, id))
        .returning({ id: servers.id });
      if (!updated) return jsonError(c, 404, `No server with id ${id}.`);
      return c.redirect(`/servers/${encodeURIComponent(id)}`, 303);
    });
}
