import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root';
import { fixtureText } from '../support/fixtures';
import { runTsx, startServerProcess, type ServerProcess } from '../support/server-process';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'process-test-upload-token-0123';
/** The V8 and Node flags of `npm start`, read from package.json so the test follows them. */
const START_FLAGS = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

async function start(env: Record<string, string>, options?: Parameters<typeof startServerProcess>[1]) {
  const server = await startServerProcess(env, options);
  onTestFinished(async () => {
    await server.stop();
  });
  return server;
}

function post(server: ServerProcess, path: string, body: string) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('the Node entry as a process', () => {
  it('creates the database directory, answers health, and stores a posted report over HTTP across a restart', async () => {
    const dir = tempDir('backwatch-process-');
    const env = { DATABASE_URL: `file:${join(dir, 'nested', 'backwatch.db')}`, UPLOAD_TOKEN: TOKEN };
    const first = await start(env);
    const health = await fetch(`${first.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'healthy' });

    const res = await post(first, `/api/upload/${TOKEN}`, fixtureText('duplicati/01-backup-success-2.1.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    const stopped = await first.stop();
    expect(stopped.code === 0 || stopped.signal === 'SIGTERM').toBe(true);

    const created = await runTsx('src/cli/apikey-create.ts', ['process test'], { DATABASE_URL: env.DATABASE_URL });
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').pop()!;

    const second = await start(env);
    const repeat = await post(second, `/api/upload/${TOKEN}`, fixtureText('duplicati/01-backup-success-2.1.json'));
    expect(repeat.status).toBe(409);
    const summary = await fetch(`${second.url}/api/summary`, { headers: { authorization: `Bearer ${key}` } });
    expect(await summary.json()).toMatchObject({ totalServers: 1, totalBackupsRuns: 1, totalBackups: 1 });
  });

  it('runs as built for npm start, with its V8 flags on the command line, and stores an upload', async () => {
    expect(START_FLAGS).toContain('--max-semi-space-size=4');
    const dir = tempDir('backwatch-process-');
    // V8 flags are refused in a worker thread's explicit options: the checkpoint thread must start anyway.
    const server = await start({ DATABASE_URL: `file:${join(dir, 'backwatch.db')}`, UPLOAD_TOKEN: TOKEN, LOG_LEVEL: 'info' }, { built: true, nodeArgs: START_FLAGS });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await post(server, `/api/upload/${TOKEN}`, fixtureText('duplicati/01-backup-success-2.1.json'))).status).toBe(200);
    const stopped = await server.stop();
    expect(stopped.code === 0 || stopped.signal === 'SIGTERM').toBe(true);
    expect(server.output()).not.toMatch(/"level":"error"/);
  });

  it('prints the URL, a generated upload token and the Duplicati options when no token is configured, and keeps the token', async () => {
    const dir = tempDir('backwatch-process-');
    const env = { DATABASE_URL: `file:${join(dir, 'backwatch.db')}` };
    const server = await start(env);
    const printed = server.output();
    expect(printed).toContain(`Backwatch listening on http://127.0.0.1:${server.port}`);
    const token = /Upload token \(generated, kept in the database\): (\S+)/.exec(printed)?.[1];
    expect(token).toBeTruthy();
    expect(printed).toContain(
      `--send-http-url=http://127.0.0.1:${server.port}/api/upload/${token} --send-http-result-output-format=Json --send-http-log-level=Information --send-http-max-log-lines=0`,
    );
    expect((await post(server, `/api/upload/${token}`, fixtureText('duplicati/02-backup-warning-2.1.json'))).status).toBe(200);
    expect((await post(server, '/api/upload', fixtureText('duplicati/03-backup-error-2.1.json'))).status).toBe(401);
    await server.stop();

    const again = await start(env);
    expect(again.output()).toContain(`Upload token (generated, kept in the database): ${token}`);
  });

  // Independent short-lived processes: run side by side to keep the suite quick.
  it.concurrent.for([
    ['PORT', 'not-a-port'],
    ['MAX_UPLOAD_BYTES', 'huge'],
    ['DATABASE_URL', 'postgres://elsewhere/db'],
    ['ALLOW_ANONYMOUS_UPLOAD', 'perhaps'],
  ] as const)('exits non-zero naming %s when it is %j', async ([name, value], { expect, onTestFinished }) => {
    const dir = tempDir('backwatch-process-', onTestFinished);
    const result = await runTsx('src/server.ts', [], { DATABASE_URL: `file:${join(dir, 'backwatch.db')}`, HOST: '127.0.0.1', [name]: value });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain(`${name}: `);
    expect(result.stderr).toContain(JSON.stringify(value));
  });
});
