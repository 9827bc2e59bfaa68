import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../../src/deps';
import { changeAccount, createAccount, removeAccount, resetAccountPassword } from '../../../src/admin/audited-changes';
import { checkPasswordPolicy, describePolicyProblems } from '../../../src/auth/password-policy';
import { ROLES, UserError, listUsers } from '../../../src/auth/users';
import { HttpError } from '../../../src/http/errors';
import { readJsonBody } from '../../../src/http/json-body';

const role = z.enum(ROLES as unknown as ['viewer', 'user', 'admin']);
const createBody = z.object({ username: z.string().min(1).max(64), role, password: z.string().max(1024).optional() });
const updateBody = z.object({ role: role.optional(), disabled: z.boolean().optional() }).refine((b) => b.role !== undefined || b.disabled !== undefined, 'give role and/or disabled');

const USER_ERROR_STATUS = { NOT_FOUND: 404, USERNAME_TAKEN: 409, LAST_ADMIN: 409, INVALID_USERNAME: 400 } as const;

/** Domain refusals become 4xx answers that say what to do. */
async function userAction<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserError) throw new HttpError(USER_ERROR_STATUS[err.code], err.message, { code: err.code });
    throw err;
  }
}

export function idParam(c: Context): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, `"${c.req.param('id')}" is not an id.`);
  return id;
}

/** Users page API: create, change role, disable, reset password, delete (never the last admin). */
export function adminUserRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => c.json({ users: await listUsers(deps.store.db) }))
    .post('/', async (c) => {
      const body = await readJsonBody(c, createBody);
      if (body.password !== undefined) {
        const problems = checkPasswordPolicy(body.password, body.username);
        if (problems.length) throw new HttpError(400, describePolicyProblems(problems), { code: 'POLICY_NOT_MET', problems });
      }
      return c.json(await userAction(() => createAccount(deps, c, body)), 201);
    })
    .patch('/:id', async (c) => {
      const change = await readJsonBody(c, updateBody);
      return c.json({ user: await userAction(() => changeAccount(deps, c, idParam(c), change)) });
    })
    .post('/:id/reset-password', async (c) => {
      const { password } = await userAction(() => resetAccountPassword(deps, c, idParam(c)));
      return c.json({ oneTimePassword: password });
    })
    .delete('/:id', async (c) => {
      await userAction(() => removeAccount(deps, c, idParam(c)));
      return c.json({ ok: true });
    });
}
