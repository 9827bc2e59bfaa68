import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../../src/deps';
import { recordAudit } from '../../../src/admin/audit';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../src/auth/api-keys';
import { actorOf, currentSession, requestMeta } from '../../../src/auth/principal';
import { HttpError } from '../../../src/http/errors';
import { readJsonBody } from '../../../src/http/json-body';
import { idParam } from './users';

const createBody = z.object({ name: z.string().trim().min(1, 'give the key a name').max(100) });

/** Named API keys: the plaintext is in the create response only. */
export function adminApiKeyRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono()
    .get('/', async (c) => c.json({ keys: await listApiKeys(db) }))
    .post('/', async (c) => {
      const { name } = await readJsonBody(c, createBody);
      const created = await createApiKey(db, name, deps.clock(), currentSession(c)?.user.id ?? null);
      await recordAudit(db, { action: 'apikey.create', actor: actorOf(c), target: `apikey:${created.name}`, details: { prefix: created.prefix }, ...requestMeta(deps, c) }, deps.clock());
      return c.json(created, 201);
    })
    .delete('/:id', async (c) => {
      const id = idParam(c);
      if (!(await revokeApiKey(db, id, deps.clock()))) throw new HttpError(404, `No active API key with id ${id}.`);
      await recordAudit(db, { action: 'apikey.revoke', actor: actorOf(c), target: `apikey:${id}`, ...requestMeta(deps, c) }, deps.clock());
      return c.json({ ok: true });
    });
}
