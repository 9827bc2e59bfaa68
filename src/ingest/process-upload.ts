import type { Store } from '../db/store';
import type { Logger } from '../logger';
import { markIntegrationRequest } from '../admin/integration-requests';
import { parseReport, ReportError, type ParsedRun } from './parse-report';
import { recordOtherOperation, storeRun } from './store-run';
import { recordRunTransition } from '../monitor/evaluate-run';

export type UploadResult = {
  status: 200 | 400 | 409 | 413 | 422;
  body: Record<string, unknown>;
  /** Set when a new run was stored, for what follows a run (monitoring, alerts). */
  run?: ParsedRun & { id: number };
  /** Alerts queued in the outbox by this run, for the caller to deliver after answering. */
  queuedDeliveries?: number;
};

const FORMAT_HINT =
  'Duplicati must send JSON: add --send-http-result-output-format=Json to the job (and --send-http-log-level=Information for log lines).';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The body as JSON, or a ReportError that says how to make Duplicati send JSON. */
export function decodeReportJson(bytes: Uint8Array): unknown {
  const text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  // Only the first significant character is looked at: a report is 10-100 kB and trimming would copy it.
  const first = text.search(/\S/);
  if (first < 0 || (text[first] !== '{' && text[first] !== '[')) {
    throw new ReportError(400, `The body is not JSON. ${FORMAT_HINT}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ReportError(400, `The body is not valid JSON (${(err as Error).message}). ${FORMAT_HINT}`);
  }
}

/**
 * Parses and stores one stored upload body. The raw request is already in integration_requests
 * (id `requestId`); this marks it Completed, or Failed with the reason, so a failed one can be
 * replayed after a fix. Used by POST /api/upload and by replay.
 */
export async function processUpload(store: Store, requestId: number, bytes: Uint8Array, now: Date, logger: Pick<Logger, 'error'>): Promise<UploadResult> {
  try {
    const report = parseReport(decodeReportJson(bytes), now);
    if (report.kind === 'other') {
      await recordOtherOperation(store, report.identity.operation, requestId, now);
      return {
        status: 200,
        body: { success: true, stored: false, message: `${report.identity.operation} operation recorded; only Backup operations are shown as runs.` },
      };
    }
    const outcome = await storeRun(store, report.run, requestId, now);
    if (!outcome.stored) return { status: 409, body: { error: 'ignored, duplicated data' } };
    const run = { ...report.run, id: outcome.runId };
    // State change and alerts are queued before answering; should that fail, the minute scan evaluates the run.
    const queuedDeliveries = await recordRunTransition(store, run, now).catch((err: unknown) => {
      logger.error('run evaluation failed; the minute scan will evaluate it', { runId: run.id, requestId, err });
      return 0;
    });
    return { status: 200, body: { success: true }, run, queuedDeliveries };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await markIntegrationRequest(store.db, requestId, { status: 'Failed', error: message, responseCode: err instanceof ReportError ? err.status : 500 }, now);
    if (err instanceof ReportError) return { status: err.status, body: { error: err.message, ...err.details } };
    throw err;
  }
}
