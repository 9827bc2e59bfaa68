import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../../src/deps';
import { recordAudit } from '../../../src/admin/audit';
import { actorOf, requestMeta } from '../../../src/auth/principal';
import { checkPasswordPolicy, describePolicyProblems } from '../../../src/auth/password-policy';
import { clearAccountFailures } from '../../../src/auth/throttle';
import { ROLES, UserError, createUser, deleteUser, generatePassword, getUser, listUsers, setPassword, updateUser } from '../../../src/auth/users';
import { HttpError } from '../../../src/http/errors';
import { readJsonBody } from '../../../src/http/json-body';

const role = z.enum(ROLES as unknown as ['viewer', 'user', 'admin']);
const createBody = z.object({ username: z.string().min(1).max(64), role, password: z.string().max(1024).optional() });
const updateBody = z.object({ role: role.optional(), disabled: z.boolean().optional() }).refine((b) => b.role !== undefined || b.disabled !== undefined, 'give role and/or disabled');

const USER_ERROR_STATUS = { NOT_FOUND: 404, USERNAME_TAKEN: 409, LAST_ADMIN: 409, INVALID_USERNAME: 400 } as const;

/** Domain refusals become 4xx answers that say what to do. */
export async function userAction<T>(run: () => Promise<T>): Promise<T> {
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
  const { db } = deps.store;
  const audit = (c: Context, action: 'user.create' | 'user.update' | 'user.delete' | 'password.reset', target: string, details?: Record<string, unknown>) =>
    recordAudit(db, { action, actor: actorOf(c), target: `user:${target}`, details, ...requestMeta(deps, c) }, deps.clock());

  return new Hono()
    .get('/', async (c) => c.json({ users: await listUsers(db) }))
    .post('/', async (c) => {
      const body = await readJsonBody(c, createBody);
      if (body.password !== undefined) {
        const problems = checkPasswordPolicy(body.password, body.username);
        if (problems.length) throw new HttpError(400, describePolicyProblems(problems), { code: 'POLICY_NOT_MET', problems });
      }
      const password = body.password ?? generatePassword();
      const user = await userAction(() => createUser(db, { username: body.username, role: body.role, password, mustChangePassword: true }, deps.clock()));
      await audit(c, 'user.create', user.username, { role: user.role });
      return c.json({ user, ...(body.password === undefined ? { oneTimePassword: password } : {}) }, 201);
    })
    .patch('/:id', async (c) => {
      const change = await readJsonBody(c, updateBody);
      const { before, after } = await userAction(() => updateUser(db, idParam(c), change, deps.clock()));
      await audit(c, 'user.update', after.username, { from: { role: before.role, disabled: Boolean(before.disabledAt) }, to: { role: after.role, disabled: Boolean(after.disabledAt) } });
      return c.json({ user: after });
    })
    .post('/:id/reset-password', async (c) => {
      const user = await getUser(db, idParam(c));
      if (!user) throw new HttpError(404, `No user with id ${c.req.param('id')}.`);
      const password = generatePassword();
      await setPassword(db, user.id, password, true, deps.clock());
      await clearAccountFailures(db, user.username);
      await audit(c, 'password.reset', user.username);
      return c.json({ oneTimePassword: password });
    })
    .delete('/:id', async (c) => {
      const user = await userAction(() => deleteUser(db, idParam(c)));
      await audit(c, 'user.delete', user.username, { role: user.role });
      return c.json({ ok: true });
    });
}
