import { Hono } from 'hono';
import type { AppDeps } from '../src/deps';
import { jsonError } from '../src/http/errors';
import { prefsPatchSchema, savePrefs } from '../src/ui/prefs';
import { prefsOwner } from '../src/ui/prefs-owner';

/** Only same-site paths, so the form's return address cannot send anyone elsewhere. */
function safeBack(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/';
}

/**
 * POST /prefs: saves one or more preferences of the current person. A form post (theme and
 * language buttons, no JavaScript needed) returns to the page it came from; JSON answers JSON.
 */
export function prefsRoutes(deps: AppDeps) {
  return new Hono().post('/', async (c) => {
    const isJson = (c.req.header('content-type') ?? '').includes('application/json');
    let body: Record<string, unknown>;
    try {
      body = isJson ? await c.req.json() : Object.fromEntries(Object.entries(await c.req.parseBody()));
    } catch {
      return jsonError(c, 400, 'The body is not valid JSON or form data.');
    }
    const { back, ...fields } = body;
    const parsed = prefsPatchSchema.safeParse(fields);
    if (!parsed.success) {
      return jsonError(c, 400, 'Invalid preference.', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    }
    const owner = prefsOwner(c, true)!;
    const prefs = await savePrefs(deps.store.db, owner, parsed.data, deps.clock());
    return isJson ? c.json(prefs) : c.redirect(safeBack(back), 303);
  });
}
