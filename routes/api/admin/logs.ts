import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../../src/deps';
import { recordAudit } from '../../../src/admin/audit';
import { clearErrorLog, deleteErrorEntry } from '../../../src/admin/audited-changes';
import { getError, listErrors } from '../../../src/admin/error-log';
import { getIntegrationRequest, listIntegrationRequests, receivedBody } from '../../../src/admin/integration-requests';
import { getJobRun, listJobRuns } from '../../../src/admin/job-log';
import { actorOf, requestMeta } from '../../../src/auth/principal';
import { HttpError } from '../../../src/http/errors';
import { ReplayError, replayUpload } from '../../../src/ingest/replay';
import { idParam } from './users';

const BODY_PREVIEW_BYTES = 1024 * 1024;

const query = (c: Context, k: string) => c.req.query(k) || undefined;
const beforeId = (c: Context) => (Number(c.req.query('before')) > 0 ? Number(c.req.query('before')) : undefined);
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

export async function requestWithBody(deps: AppDeps, id: number) {
  const row = await getIntegrationRequest(deps.store.db, id);
  if (!row) return undefined;
  const bytes = await receivedBody(row);
  return {
    ...row,
    body: bytes ? new TextDecoder().decode(bytes.subarray(0, BODY_PREVIEW_BYTES)) : null,
    bodyTruncated: (bytes?.byteLength ?? 0) > BODY_PREVIEW_BYTES,
  };
}

/** Replays a stored inbound upload through ingest; the outcome is what a fresh upload would get. */
export async function replay(deps: AppDeps, c: Context, id: number) {
  try {
    const result = await replayUpload(deps.store, id, deps.clock(), deps.logger);
    await recordAudit(deps.store.db, { action: 'integration.replay', actor: actorOf(c), target: `integration_request:${id}`, details: { status: result.status }, ...requestMeta(deps, c) }, deps.clock());
    return result;
  } catch (err) {
    if (err instanceof ReplayError) throw new HttpError(err.status, err.message);
    throw err;
  }
}

/** Error Log, Scheduled Job Log and Integration Requests. */
export function adminLogRoutes(deps: AppDeps) {
  const { db } = deps.store;

  return new Hono()
    .get('/errors', async (c) =>
      c.json({ errors: await listErrors(db, { beforeId: beforeId(c), text: query(c, 'q'), method: query(c, 'method'), from: query(c, 'from'), to: query(c, 'to') }) }),
    )
    .get('/errors/:id', async (c) => {
      const row = await getError(db, idParam(c));
      if (!row) throw new HttpError(404, `No error with id ${c.req.param('id')}.`);
      return c.json(row);
    })
    .delete('/errors/:id', async (c) => {
      const id = idParam(c);
      if (!(await deleteErrorEntry(deps, c, id))) throw new HttpError(404, `No error with id ${id}.`);
      return c.json({ ok: true });
    })
    .delete('/errors', async (c) => {
      return c.json({ deleted: await clearErrorLog(deps, c) });
    })
    .get('/jobs', async (c) =>
      c.json({ runs: await listJobRuns(db, { status: oneOf(query(c, 'status'), ['Completed', 'Failed'] as const), name: query(c, 'name'), beforeId: beforeId(c) }) }),
    )
    .get('/jobs/:id', async (c) => {
      const row = await getJobRun(db, idParam(c));
      if (!row) throw new HttpError(404, `No job run with id ${c.req.param('id')}.`);
      return c.json(row);
    })
    .get('/integration-requests', async (c) =>
      c.json({
        requests: await listIntegrationRequests(db, {
          direction: oneOf(query(c, 'direction'), ['inbound', 'outbound'] as const),
          status: oneOf(query(c, 'status'), ['Queued', 'Completed', 'Failed'] as const),
          kind: query(c, 'kind'),
          beforeId: beforeId(c),
        }),
      }),
    )
    .get('/integration-requests/:id', async (c) => {
      const row = await requestWithBody(deps, idParam(c));
      if (!row) throw new HttpError(404, `No integration request with id ${c.req.param('id')}.`);
      return c.json(row);
    })
    .post('/integration-requests/:id/replay', async (c) => {
      const result = await replay(deps, c, idParam(c));
      return c.json({ status: result.status, result: result.body }, 200);
    });
}
