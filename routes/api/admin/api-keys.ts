import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../../src/deps';
import { issueApiKey, withdrawApiKey } from '../../../src/admin/audited-changes';
import { listApiKeys } from '../../../src/auth/api-keys';
import { HttpError } from '../../../src/http/errors';
import { readJsonBody } from '../../../src/http/json-body';
import { idParam } from './users';

const createBody = z.object({ name: z.string().trim().min(1, 'give the key a name').max(100) });

/** Named API keys: the plaintext is in the create response only. */
export function adminApiKeyRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => c.json({ keys: await listApiKeys(deps.store.db) }))
    .post('/', async (c) => c.json(await issueApiKey(deps, c, (await readJsonBody(c, createBody)).name), 201))
    .delete('/:id', async (c) => {
      const id = idParam(c);
      if (!(await withdrawApiKey(deps, c, id))) throw new HttpError(404, `No active API key with id ${id}.`);
      return c.json({ ok: true });
    });
}
