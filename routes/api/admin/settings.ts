import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../../src/deps';
import { recordAudit } from '../../../src/admin/audit';
import { getRetention, retentionSchema, setRetention } from '../../../src/admin/retention';
import { getSetting, putSetting } from '../../../src/admin/settings';
import { READ_API_PUBLIC } from '../../../src/auth/read-access';
import { actorOf, requestMeta } from '../../../src/auth/principal';
import { readJsonBody } from '../../../src/http/json-body';

const patchBody = z.object({ readApiPublic: z.boolean().optional(), retentionDays: retentionSchema.optional() }).strict();

export async function accessSettings(deps: AppDeps) {
  return {
    readApiPublic: (await getSetting<boolean>(deps.store.db, READ_API_PUBLIC)) === true,
    retentionDays: await getRetention(deps.store.db),
  };
}

export async function changeSettings(deps: AppDeps, c: Context, patch: z.infer<typeof patchBody>) {
  const { db } = deps.store;
  const before = await accessSettings(deps);
  if (patch.readApiPublic !== undefined) await putSetting(db, READ_API_PUBLIC, patch.readApiPublic, deps.clock());
  if (patch.retentionDays) await setRetention(db, patch.retentionDays, deps.clock());
  const after = await accessSettings(deps);
  await recordAudit(db, { action: 'settings.change', actor: actorOf(c), target: 'settings', details: { before, after }, ...requestMeta(deps, c) }, deps.clock());
  return after;
}

/** Instance settings owned by the console: read API public or not, retention per log. */
export function adminSettingsRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => c.json(await accessSettings(deps)))
    .patch('/', async (c) => c.json(await changeSettings(deps, c, await readJsonBody(c, patchBody))));
}
