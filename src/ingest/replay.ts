import type { Store } from '../db/store';
import type { Logger } from '../logger';
import { getIntegrationRequest, receivedBody } from '../admin/integration-requests';
import { processUpload, type UploadResult } from './process-upload';

export class ReplayError extends Error {
  constructor(readonly status: 404 | 409, message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

/**
 * Re-runs ingest on a stored inbound upload, e.g. after a parser fix. Idempotent: a run that was
 * already stored answers 409 like a repeated upload and nothing is written twice.
 */
export async function replayUpload(store: Store, id: number, now: Date, logger: Pick<Logger, 'error'>): Promise<UploadResult> {
  const row = await getIntegrationRequest(store.db, id);
  if (!row || row.direction !== 'inbound' || row.kind !== 'upload') throw new ReplayError(404, `No stored upload with id ${id}.`);
  const body = await receivedBody(row);
  if (!body) throw new ReplayError(409, `Upload ${id} has no stored body (it was rejected before it was read).`);
  return processUpload(store, id, body, now, logger);
}
