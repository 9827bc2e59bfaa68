import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedMigrations, appliedMigrations } from '../../src/db/migrate';
import { openWebDatabase } from '../../src/db/web-client';
import { startHranaServer, type HranaServer } from '../support/hrana-server/server';

const TOKEN = 'migrate-test-token';

function migrate(url: string, token: string) {
  return promisify(execFile)('npm', ['run', '--silent', 'db:migrate'], { env: { ...process.env, TURSO_DATABASE_URL: url, TURSO_AUTH_TOKEN: token } });
}

describe('npm run db:migrate against Turso (the Hrana test server)', () => {
  let server: HranaServer;
  beforeAll(async () => {
    server = await startHranaServer({ authToken: TOKEN });
  });
  afterAll(() => server.close());

  it('applies every migration over HTTP, and a second run changes nothing', async () => {
    const first = await migrate(server.url, TOKEN);
    expect(first.stdout).toContain(`is at migration ${expectedMigrations}.`);
    const second = await migrate(server.url, TOKEN);
    expect(second.stdout).toContain(`is at migration ${expectedMigrations}.`);
    expect(await appliedMigrations(openWebDatabase(server.url, TOKEN))).toBe(expectedMigrations);
  });

  it('fails with exit code 1 and the server\'s message when the token is wrong', async () => {
    await expect(migrate(server.url, 'wrong-token')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Authentication failed') });
  });
});
