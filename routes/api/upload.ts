import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import { recordIntegrationRequest, safeHeaders } from '../../src/admin/integration-requests';
import { presentedUploadToken, uploadTokenMatches } from '../../src/auth/upload-token';
import { processUpload } from '../../src/ingest/process-upload';
import { kickDelivery } from '../../src/notify/deliver';
import { jsonError } from '../../src/http/errors';

const TOKEN_HINT =
  'Pass the upload token in the URL (--send-http-url=http://HOST:9666/api/upload/<token>), as ?token=<token>, or as "Authorization: Bearer <token>".';

/** The URL as stored in the Integration Request log, with any token removed. */
function redactedEndpoint(c: Context): string {
  const url = new URL(c.req.url);
  if (url.searchParams.has('token')) url.searchParams.set('token', '[redacted]');
  const path = c.req.param('token') ? '/api/upload/[redacted]' : url.pathname;
  return `${path}${url.search}`;
}

/** Reads the body, stopping as soon as it passes `limit` bytes; null when it does. */
async function readBounded(req: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) return null;
  // With a declared length within the limit the HTTP layer delivers no more than that, so the body
  // can be read in one go (on Node straight from the socket: touching req.body first would build a
  // web stream for it).
  if (Number.isInteger(declared)) {
    const bytes = new Uint8Array(await req.arrayBuffer());
    return bytes.byteLength > limit ? null : bytes;
  }
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** POST /api/upload[/:token]: Duplicati's --send-http-url target. */
export function uploadRoutes(deps: AppDeps) {
  const { store, config, clock, logger } = deps;

  async function handle(c: Context) {
    const presented = presentedUploadToken(c.req.param('token'), new URL(c.req.url), c.req.header('authorization'));
    // Anonymous upload lets clients without a token in; a token that is given must still be right when one is set.
    const anonymous = config.allowAnonymousUpload && (presented === undefined || deps.uploadToken === null);
    if (!anonymous && !(deps.uploadToken && uploadTokenMatches(deps.uploadToken, presented))) {
      return jsonError(c, 401, presented ? `Wrong upload token. ${TOKEN_HINT}` : `An upload token is required. ${TOKEN_HINT}`);
    }
    const base = {
      direction: 'inbound' as const,
      kind: 'upload',
      endpoint: redactedEndpoint(c),
      method: c.req.method,
      headers: safeHeaders(c.req.raw.headers),
      sourceAddress: deps.clientAddress(c),
    };
    const bytes = await readBounded(c.req.raw, config.maxUploadBytes);
    if (bytes === null) {
      const message = `The report is larger than MAX_UPLOAD_BYTES (${config.maxUploadBytes} bytes). Lower --send-http-max-log-lines or raise MAX_UPLOAD_BYTES.`;
      await recordIntegrationRequest(store, { ...base, status: 'Failed', body: null, error: message, responseCode: 413 }, clock());
      return jsonError(c, 413, message, { limit: config.maxUploadBytes });
    }
    const requestId = await recordIntegrationRequest(store, { ...base, status: 'Queued', body: bytes }, clock());
    const result = await processUpload(store, requestId, bytes, clock(), logger);
    if (result.status >= 400) logger.info('upload rejected', { requestId, status: result.status, error: result.body.error });
    if (result.queuedDeliveries) deps.runInBackground(c, () => kickDelivery(deps));
    return c.json(result.body, result.status);
  }

  const methodNotAllowed = (c: Context) => {
    c.header('Allow', 'POST');
    return jsonError(c, 405, `Use POST to upload a Duplicati report (got ${c.req.method}).`);
  };

  return new Hono()
    .post('/', handle)
    .post('/:token', handle)
    .all('/', methodNotAllowed)
    .all('/:token', methodNotAllowed);
}
