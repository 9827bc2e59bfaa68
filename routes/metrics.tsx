import type { Context } from 'hono';
import { asc, eq } from 'drizzle-orm';
import type { AppDeps } from '../src/deps';
import Metrics from '../islands/Metrics';
import { jobs, servers } from '../src/db/schema/index';
import { METRICS_KEYS } from '../src/metrics/messages';
import { isRange, parseScope, scopeParam } from '../src/metrics/ranges';
import { messagesFor } from '../src/ui/i18n/index';
import { Island } from '../src/ui/island';
import { renderPage } from '../src/ui/page';

/** GET /metrics?scope=all|server:<id>|job:<id>&range=1W..All: charts for all jobs, a server or a job. */
export function metricsPage(deps: AppDeps) {
  const { db } = deps.store;
  return async (c: Context) => {
    const scope = parseScope(c.req.query('scope')) ?? { kind: 'all' as const };
    const rangeParam = c.req.query('range');
    const range = isRange(rangeParam) ? rangeParam : '3M';
    const choices = await db
      .select({ jobId: jobs.id, jobName: jobs.name, serverId: servers.id, serverName: servers.name, alias: servers.alias })
      .from(jobs)
      .innerJoin(servers, eq(servers.id, jobs.serverId))
      .orderBy(asc(servers.name), asc(jobs.name));
    const serverList = [...new Map(choices.map((r) => [r.serverId, r.alias || r.serverName]))];
    const current = scopeParam(scope);
    return renderPage(c, deps, (page) => {
      const { t } = page;
      return {
        title: t('metrics.title'),
        body: (
          <>
            <form method="get" action="/metrics" class="toolbar">
              <input type="hidden" name="range" value={range} />
              <label class="grow">
                {t('metrics.scope')}
                <select name="scope">
                  <option value="all" selected={current === 'all'}>{t('metrics.scope.all')}</option>
                  <optgroup label={t('jobs.server')}>
                    {serverList.map(([id, name]) => <option value={`server:${id}`} selected={current === `server:${id}`}>{name}</option>)}
                  </optgroup>
                  <optgroup label={t('server.jobs')}>
                    {choices.map((r) => (
                      <option value={`job:${r.jobId}`} selected={current === `job:${r.jobId}`}>{`${r.jobName} — ${r.alias || r.serverName}`}</option>
                    ))}
                  </optgroup>
                </select>
              </label>
              <button type="submit" class="button">{t('action.apply')}</button>
            </form>
            <Island
              name="Metrics"
              component={Metrics}
              props={{
                scope: current,
                range,
                scatter: scope.kind !== 'job',
                tag: page.tag,
                timeZone: page.timeZone,
                messages: messagesFor(page.locale, METRICS_KEYS),
              }}
            />
          </>
        ),
      };
    });
  };
}
