import { Hono, type Context } from 'hono';
import { and, desc, eq } from 'drizzle-orm';
import type { AppDeps } from '../src/deps';
import { backupRuns, jobs, monitors, servers } from '../src/db/schema/index';
import { DataTable } from '../src/ui/components/data-table';
import { RunRow } from '../src/ui/components/run-row';
import { StatusBadge } from '../src/ui/components/status';
import { Pager, withParams } from '../src/ui/components/paging';
import { runTone } from '../src/ui/dashboard/job-list';
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../src/ui/format';
import { statusName, type MessageKey } from '../src/ui/i18n/index';
import type { PageContext } from '../src/ui/page-context';
import { renderPage } from '../src/ui/page';
import { linePage, runPage } from '../src/ui/run-pages';

type Run = typeof backupRuns.$inferSelect;

function RunStats({ run, page }: { run: Run; page: PageContext }) {
  const { t, tag, timeZone } = page;
  const rows: [MessageKey, string][] = [
    ['run.begin', formatDateTime(tag, run.beginTime, timeZone)],
    ['run.end', run.endTime ? formatDateTime(tag, run.endTime, timeZone) : '—'],
    ['run.duration', formatDuration(tag, run.durationSeconds)],
    ['run.examinedFiles', formatNumber(tag, run.examinedFiles)],
    ['run.examinedSize', formatBytes(tag, run.sizeOfExaminedFiles)],
    ['run.addedFiles', formatNumber(tag, run.addedFiles)],
    ['run.modifiedFiles', formatNumber(tag, run.modifiedFiles)],
    ['run.deletedFiles', formatNumber(tag, run.deletedFiles)],
    ['run.uploaded', formatBytes(tag, run.bytesUploaded)],
    ['run.downloaded', formatBytes(tag, run.bytesDownloaded)],
    ['run.storage', formatBytes(tag, run.knownFileSize)],
    ['run.fileCount', formatNumber(tag, run.knownFileCount)],
    ['run.versions', formatNumber(tag, run.backupListCount)],
    ['run.warnings', formatNumber(tag, run.warningsCount)],
    ['run.errors', formatNumber(tag, run.errorsCount)],
    ['run.version', run.version || '—'],
  ];
  return (
    <dl class="stats">
      {rows.map(([k, v]) => (
        <div>
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** GET /jobs/:id[?run=<id>]: one job's monitoring state, a run's full statistics, its log lines (paged) and versions. */
export function jobRoutes(deps: AppDeps) {
  const { db } = deps.store;

  async function show(c: Context) {
    const id = Number(c.req.param('id'));
    const [found] = Number.isSafeInteger(id)
      ? await db
          .select({ job: jobs, serverName: servers.name, serverAlias: servers.alias, monitor: monitors })
          .from(jobs)
          .innerJoin(servers, eq(servers.id, jobs.serverId))
          .leftJoin(monitors, eq(monitors.jobId, jobs.id))
          .where(eq(jobs.id, id))
      : [];
    if (!found) return renderPage(c, deps, (page) => ({ title: page.t('job.notFound'), body: <p class="empty">{page.t('job.notFound')}</p>, status: 404 }));
    const { job, monitor } = found;
    const serverName = found.serverAlias || found.serverName;
    const runParam = Number(c.req.query('run'));
    const [run] = Number.isSafeInteger(runParam) && runParam > 0
      ? await db.select().from(backupRuns).where(and(eq(backupRuns.id, runParam), eq(backupRuns.jobId, job.id)))
      : await db.select().from(backupRuns).where(eq(backupRuns.jobId, job.id)).orderBy(desc(backupRuns.beginTime)).limit(1);
    const [runs, warnings, errors, messages, versions] = await Promise.all([
      runPage(db, { jobId: job.id }, 'begin', 'desc', c.req.query('page'), 25),
      run ? linePage(db, run.id, 'warnings', c.req.query('wpage')) : null,
      run ? linePage(db, run.id, 'errors', c.req.query('epage')) : null,
      run ? linePage(db, run.id, 'messages', c.req.query('mpage')) : null,
      run ? linePage(db, run.id, 'availableVersions', c.req.query('vpage')) : null,
    ]);

    return renderPage(c, deps, (page) => {
      const { t, tag, timeZone } = page;
      const lines = (id: string, title: MessageKey, part: NonNullable<typeof warnings>, param: string) => (
        <section class="panel" id={id} aria-labelledby={`${id}-h`}>
          <h2 id={`${id}-h`}>{t(title)} ({formatNumber(tag, part.paging.total)})</h2>
          {part.lines.length === 0 ? (
            <p class="empty">{t('job.log.none')}</p>
          ) : (
            <ol class="log" start={(part.paging.page - 1) * part.paging.size + 1}>
              {part.lines.map((l) => <li>{l}</li>)}
            </ol>
          )}
          <Pager paging={part.paging} t={t} href={(p) => `${withParams(c.req.url, { [param]: p })}#${id}`} />
        </section>
      );
      const state = monitor?.state;
      return {
        title: t('job.title', { name: job.name, server: serverName }),
        body: (
          <>
            <p class="muted">
              {t('job.server')}: <a href={`/servers/${encodeURIComponent(job.serverId)}`}>{serverName}</a> ·{' '}
              <a href={`/metrics?scope=job:${job.id}&range=All`}>{t('job.metrics')}</a>
            </p>
            <section class="panel" aria-labelledby="monitoring-h">
              <h2 id="monitoring-h">{t('job.monitoring')}</h2>
              <dl class="stats">
                <div>
                  <dt>{t('job.monitoring')}</dt>
                  <dd>{state ? t(`state.${state}` as MessageKey) : t('state.unmonitored')}</dd>
                </div>
                {monitor && (
                  <div>
                    <dt>{t('job.since')}</dt>
                    <dd>{formatDateTime(tag, monitor.stateSince, timeZone)}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('job.nextDue')}</dt>
                  <dd>{monitor?.nextDueAt ? formatDateTime(tag, monitor.nextDueAt, timeZone) : t('job.schedule.none')}</dd>
                </div>
                {monitor?.scheduleSource && (
                  <div>
                    <dt>{t('job.scheduleSource')}</dt>
                    <dd>{t(`source.${monitor.scheduleSource}` as MessageKey)}</dd>
                  </div>
                )}
                {monitor && (
                  <div>
                    <dt>{t('job.grace')}</dt>
                    <dd>{formatDuration(tag, monitor.graceSeconds)}</dd>
                  </div>
                )}
              </dl>
            </section>
            {!run ? (
              <p class="empty">{t('status.none')}</p>
            ) : (
              <>
                <section class="panel" aria-labelledby="run-h">
                  <h2 id="run-h">
                    {t('job.run', { time: formatDateTime(tag, run.beginTime, timeZone) })}{' '}
                    <StatusBadge health={runTone(run.status)} label={statusName(page.locale, run.status)} />
                  </h2>
                  <RunStats run={run} page={page} />
                </section>
                {errors && lines('errors', 'job.errors', errors, 'epage')}
                {warnings && lines('warnings', 'job.warnings', warnings, 'wpage')}
                {messages && lines('log', 'job.log', messages, 'mpage')}
                {versions && lines('versions', 'job.versions', versions, 'vpage')}
              </>
            )}
            <h2 id="runs">{t('job.runs')}</h2>
            <DataTable
              columns={[t('run.begin'), t('run.status'), { label: t('run.duration'), num: true }, { label: t('run.examinedSize'), num: true }, { label: t('run.uploaded'), num: true }, { label: t('run.warnings'), num: true }, { label: t('run.errors'), num: true }]}
              rows={runs.rows}
              row={(r) => <RunRow run={r} page={page} current={run?.id === r.id} />}
            />
            <Pager paging={runs.paging} t={t} href={(p) => `${withParams(c.req.url, { page: p })}#runs`} />
          </>
        ),
      };
    });
  }

  return new Hono().get('/:id', show);
}
