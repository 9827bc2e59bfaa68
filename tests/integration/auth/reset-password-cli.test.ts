import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, findUserByName, updateUser } from '../../../src/auth/users';
import { GOOD_PASSWORD, loginRequest } from '../../support/auth';
import { createTestApp } from '../../support/test-app';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function resetPassword(databaseUrl: string, name: string) {
  return run(`${ROOT}node_modules/.bin/tsx`, ['src/cli/user-reset-password.ts', name], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });
}

describe('npm run user:reset-password', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('prints a one-time password that works, must be changed, and re-enables a locked-out admin', async () => {
    const admin = await createUser(t.db, { username: 'admin', role: 'admin', password: GOOD_PASSWORD, mustChangePassword: false }, t.clock.now());
    await createUser(t.db, { username: 'other', role: 'admin', password: GOOD_PASSWORD, mustChangePassword: false }, t.clock.now());
    await updateUser(t.db, admin.id, { disabled: true }, t.clock.now());

    const { stdout } = await resetPassword(t.deps.config.databaseUrl, 'admin');
    const password = stdout.trim().split('\n').at(-1)!;
    expect(password.length).toBeGreaterThanOrEqual(24);

    expect((await findUserByName(t.db, 'admin'))).toMatchObject({ disabledAt: null, mustChangePassword: true });
    const login = await loginRequest(t, 'admin', password);
    expect(await login.json()).toMatchObject({ mustChangePassword: true });
  });

  it('names the problem when the user does not exist', async () => {
    await expect(resetPassword(t.deps.config.databaseUrl, 'nobody')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No user "nobody"') });
  });
});
