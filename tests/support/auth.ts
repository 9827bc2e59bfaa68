import type { Role } from '../../src/db/schema/index';
import { createUser } from '../../src/auth/users';
import { SESSION_COOKIE } from '../../src/auth/cookie';
import type { createTestApp } from './test-app';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export const GOOD_PASSWORD = 'plenty of unrelated words 42';

/** The session cookie a response sets, as a Cookie request header value. */
export function sessionCookieFrom(res: Response): string {
  const header = res.headers.getSetCookie().find((h) => h.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error(`no ${SESSION_COOKIE} cookie in the response (status ${res.status})`);
  return header.split(';')[0]!;
}

export function postJson(t: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) {
  return t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export function loginRequest(t: TestApp, username: string, password: string, headers: Record<string, string> = {}) {
  return postJson(t, '/api/auth/login', { username, password }, headers);
}

/** Creates an account with the given role (no forced change) and returns its session cookie. */
export async function loginAs(t: TestApp, role: Role, username: string = role): Promise<string> {
  await createUser(t.db, { username, role, password: GOOD_PASSWORD, mustChangePassword: false }, t.clock.now());
  const res = await loginRequest(t, username, GOOD_PASSWORD);
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return sessionCookieFrom(res);
}
