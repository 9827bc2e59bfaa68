import type { ExecutionContext } from '@cloudflare/workers-types';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import type { AppDeps } from './deps';
import type { Database } from './db/database';
import { appliedMigrations, expectedMigrations } from './db/migrate';
import { openWebDatabase } from './db/web-client';
import { directWriter } from './db/writer';
import { createLogger } from './logger';
import { recordError } from './admin/error-log';
import { resolveUploadToken } from './auth/upload-token';

type Env = Record<string, unknown> & { TURSO_DATABASE_URL?: string; TURSO_AUTH_TOKEN?: string };

function stringVars(env: Env): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Schema check result, kept per isolate once it is good: migrating is the deploy's job (`npm run db:migrate`). */
let schemaReady = false;

async function schemaIsCurrent(db: Database): Promise<boolean> {
  if (!schemaReady) schemaReady = (await appliedMigrations(db)) >= expectedMigrations;
  return schemaReady;
}

async function buildDeps(env: Env, ctx: ExecutionContext): Promise<AppDeps> {
  const config = loadConfig(stringVars(env));
  if (!env.TURSO_DATABASE_URL) throw new ConfigError(['TURSO_DATABASE_URL: required on Workers (the Turso database URL)']);
  if (!config.secretKey) throw new ConfigError(['SECRET_KEY: required on Workers (wrangler secret put SECRET_KEY)']);
  const logger = createLogger({ level: config.logLevel });
  const db = openWebDatabase(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN);
  const clock = () => new Date();
  const uploadToken = config.allowAnonymousUpload && !config.uploadToken ? null : (await resolveUploadToken(db, config.uploadToken, clock())).token;
  return {
    store: { db, writer: directWriter(db) },
    config,
    logger,
    clock,
    secretKey: config.secretKey,
    uploadToken,
    runInBackground: (_c, task) => ctx.waitUntil(task().catch((err) => logger.error('background task failed', { err }))),
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? null,
  };
}

const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let deps: AppDeps;
    try {
      deps = await buildDeps(env, ctx);
    } catch (err) {
      if (err instanceof ConfigError) return json({ error: 'Backwatch is misconfigured', problems: err.problems }, 500);
      throw err;
    }
    if (!(await schemaIsCurrent(deps.store.db))) {
      const path = new URL(request.url).pathname;
      const message = `The database schema is behind this version (expected ${expectedMigrations} migrations). Run npm run db:migrate with TURSO_DATABASE_URL and TURSO_AUTH_TOKEN, then retry.`;
      deps.logger.error('schema behind', { expected: expectedMigrations });
      ctx.waitUntil(recordError(deps.store.db, { method: request.method, path, error: new Error(message) }, deps.clock()).catch(() => {}));
      return json({ error: message }, 503);
    }
    return createApp(deps).fetch(request, env, ctx);
  },
};
