import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps';
import { getSetting } from '../admin/settings';
import { jsonError } from '../http/errors';
import { verifyApiKey } from './api-keys';
import { recordAudit } from '../admin/audit';
import { currentSession, requestMeta } from './principal';

export const READ_API_PUBLIC = 'read_api_public';

/** The read API needs a logged-in session or an API key (Bearer or ?key=), unless an admin made it public. */
export function requireReadAccess(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    if (currentSession(c)) return next();
    if ((await getSetting<boolean>(deps.store.db, READ_API_PUBLIC)) === true) return next();
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    const presented = bearer ?? c.req.query('key');
    if (!presented) {
      return jsonError(c, 401, 'An API key is required: send "Authorization: Bearer <key>" or ?key=<key> (create one with npm run apikey:create -- <name>).');
    }
    const key = await verifyApiKey(deps.store.db, presented, deps.clock());
    if (!key) return jsonError(c, 401, 'The API key is unknown or revoked.');
    if (key.firstUseToday) {
      await recordAudit(deps.store.db, { action: 'apikey.use', actor: { type: 'api_key', id: key.id, name: key.name }, ...requestMeta(deps, c) }, deps.clock());
    }
    return next();
  };
}
