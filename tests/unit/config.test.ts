import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      port: 9666,
      host: '0.0.0.0',
      databaseUrl: 'file:./data/backwatch.db',
      uploadToken: undefined,
      allowAnonymousUpload: false,
      maxUploadBytes: 8 * 1024 * 1024,
      databaseBusyTimeoutMs: 10_000,
      logLevel: 'info',
      workerSubrequestLimit: 50,
    });
  });

  it('reads every variable it is given', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        DATABASE_URL: 'file:/var/lib/backwatch/db.sqlite',
        UPLOAD_TOKEN: 'a-long-enough-upload-token',
        ALLOW_ANONYMOUS_UPLOAD: 'yes',
        MAX_UPLOAD_BYTES: '2048',
        LOG_LEVEL: 'debug',
        PUBLIC_URL: 'https://backwatch.example.com',
        WORKER_SUBREQUEST_LIMIT: '10000',
      }),
    ).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'file:/var/lib/backwatch/db.sqlite',
      uploadToken: 'a-long-enough-upload-token',
      allowAnonymousUpload: true,
      maxUploadBytes: 2048,
      logLevel: 'debug',
      publicUrl: 'https://backwatch.example.com',
      workerSubrequestLimit: 10_000,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', UPLOAD_TOKEN: '' })).toMatchObject({ port: 9666, uploadToken: undefined });
  });

  it('prefers TURSO_DATABASE_URL over DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'file:x.db', TURSO_DATABASE_URL: 'libsql://db.example.turso.io' }).databaseUrl).toBe('libsql://db.example.turso.io');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['DATABASE_URL', './data/backwatch.db'],
    ['TURSO_DATABASE_URL', 'postgres://db'],
    ['UPLOAD_TOKEN', 'short'],
    ['ALLOW_ANONYMOUS_UPLOAD', 'maybe'],
    ['MAX_UPLOAD_BYTES', 'lots'],
    ['MAX_UPLOAD_BYTES', '100'],
    ['DATABASE_BUSY_TIMEOUT_MS', '0'],
    ['DATABASE_BUSY_TIMEOUT_MS', 'long'],
    ['LOG_LEVEL', 'verbose'],
    ['PUBLIC_URL', 'not a url'],
    ['SECRET_KEY', 'too-short'],
    ['WORKER_SUBREQUEST_LIMIT', '20'],
    ['WORKER_SUBREQUEST_LIMIT', 'many'],
  ])('stops with a message naming %s when it is %j', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).toContain(JSON.stringify(value));
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT']);
  });

  it('shows the problems in the error message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/Invalid configuration:\n {2}- PORT: /);
  });
});
