import { describe, expect, it } from 'vitest';
import { exports, env } from 'cloudflare:workers';

describe('the Worker on a fresh database', () => {
  it('creates the first admin from ADMIN_PASSWORD, who can sign in and must change the password', async () => {
    await exports.default.fetch('https://backwatch.test/api/health');
    const res = await exports.default.fetch('https://backwatch.test/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: env.ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { username: 'admin' }, mustChangePassword: true });
    expect(res.headers.get('set-cookie')).toBeTruthy();
  });
});
