import type { BrowserContext } from 'playwright-core';
import type { Role } from '../../../src/db/schema/index';
import { createUser } from '../../../src/auth/users';
import type { E2eServer } from './server';

export const E2E_PASSWORD = 'e2e correct horse battery staple';

/** Creates an account with `role` and logs `context` in through the real login API (the session cookie lands in the context). */
export async function signIn(server: Pick<E2eServer, 'db' | 'url' | 'clock'>, context: BrowserContext, role: Role = 'user', username = `e2e-${role}`) {
  await createUser(server.db, { username, role, password: E2E_PASSWORD, mustChangePassword: false }, server.clock.now()).catch((err: { code?: string }) => {
    if (err.code !== 'USERNAME_TAKEN') throw err;
  });
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    data: { username, password: E2E_PASSWORD },
    headers: { origin: server.url },
  });
  if (!res.ok()) throw new Error(`Login as ${username} failed: ${res.status()} ${await res.text()}`);
}
