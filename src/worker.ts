import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import type { AppDeps } from './deps';
import type { Database } from './db/database';
import { appliedMigrations, expectedMigrations } from './db/migrate';
import { openWebDatabase } from './db/web-client';
import { directWriter } from './db/writer';
import { createLogger, type Logger } from './logger';
import { recordError } from './admin/error-log';
import { resolveUploadToken } from './auth/upload-token';
import { ensureFirstAdmin, firstAdminNotice } from './auth/users';
import { parseAssetManifest, type AssetManifest } from './ui/assets';
import builtAssetManifest from 'backwatch:asset-manifest';
import { runScheduled, type SchedulerDeps } from './monitor/scheduler';
import { workerMailTransport } from './notify/channels/email/transport-worker';

type Env = Record<string, unknown> & { TURSO_DATABASE_URL?: string; TURSO_AUTH_TOKEN?: string };

/** What every handler needs before it can do anything: validated config and the database. */
type Runtime = { config: Config; logger: Logger; db: Database; clock: () => Date; secretKey: string };

function stringVars(env: Env): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Built per invocation from the bindings: Workers give no process-wide environment to read once. */
function openRuntime(env: Env): Runtime {
  const config = loadConfig(stringVars(env));
  if (!env.TURSO_DATABASE_URL) throw new ConfigError(['TURSO_DATABASE_URL: required on Workers (wrangler secret put TURSO_DATABASE_URL)']);
  if (!config.secretKey) throw new ConfigError(['SECRET_KEY: required on Workers (wrangler secret put SECRET_KEY)']);
  return {
    config,
    logger: createLogger({ level: config.logLevel }),
    db: openWebDatabase(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN),
    clock: () => new Date(),
    secretKey: config.secretKey,
  };
}

/** Databases whose schema was found current, kept per isolate: migrating is the deploy's job (`npm run db:migrate`). */
const schemaReady = new Set<string>();

async function schemaIsCurrent(rt: Runtime): Promise<boolean> {
  if (!schemaReady.has(rt.config.databaseUrl) && (await appliedMigrations(rt.db)) >= expectedMigrations) schemaReady.add(rt.config.databaseUrl);
  return schemaReady.has(rt.config.databaseUrl);
}

/**
 * Node creates the first admin at start; a Worker has no start, so the first request per isolate
 * does it. Only from ADMIN_PASSWORD: a generated password would have to be written to the logs.
 */
const firstAdminChecked = new Set<string>();

async function ensureAdminAccount(rt: Runtime): Promise<void> {
  if (firstAdminChecked.has(rt.config.databaseUrl)) return;
  if (rt.config.adminPassword) {
    const run = await ensureFirstAdmin(rt.db, rt.config.adminPassword, rt.clock());
    if (run.created) rt.logger.info(firstAdminNotice(run));
  }
  firstAdminChecked.add(rt.config.databaseUrl);
}

const SCHEMA_BEHIND = `The database schema is behind this version of Backwatch (it needs ${expectedMigrations} migrations). Run npm run db:migrate with TURSO_DATABASE_URL and TURSO_AUTH_TOKEN set, then retry.`;

/**
 * Subrequests an invocation makes besides the outbox drain, with headroom: the schema and
 * first-admin checks, then an upload's ingest and evaluation, or the minute scans with the daily
 * ones and their Scheduled Job Log rows. tests/worker/delivery-budget.worker.test.ts counts both,
 * tests/worker/retention-budget.worker.test.ts the ticks of a long cleanup.
 */
const INVOCATION_SUBREQUESTS = 20;
/**
 * Delete slices (2,000 rows of one log each) a retention run may spend per invocation, out of
 * INVOCATION_SUBREQUESTS: a run costs 6 more (claim, settings, which logs, sessions, release,
 * Scheduled Job Log row), so it fits beside the digest's tick; a large cleanup continues on the
 * following ticks.
 */
const RETENTION_SLICES = 3;

/** What the scans need: the same store and mail transport the HTTP handlers get. */
function schedulerDeps(rt: Runtime): SchedulerDeps {
  return {
    store: { db: rt.db, writer: directWriter(rt.db) },
    config: rt.config,
    logger: rt.logger,
    clock: rt.clock,
    secretKey: rt.secretKey,
    sendMail: workerMailTransport,
    // Every Turso query and every send is a subrequest, and the plan caps them per invocation.
    deliverySubrequests: rt.config.workerSubrequestLimit - INVOCATION_SUBREQUESTS,
    retentionSlices: RETENTION_SLICES,
  };
}

/** The front-end build's manifest, bundled at deploy time; validated once per isolate. */
let assets: AssetManifest | undefined;

async function buildDeps(rt: Runtime, ctx: ExecutionContext): Promise<AppDeps> {
  assets ??= parseAssetManifest(builtAssetManifest);
  const { config, logger, db, clock } = rt;
  const uploadToken = config.allowAnonymousUpload && !config.uploadToken ? null : (await resolveUploadToken(db, config.uploadToken, clock())).token;
  return {
    ...schedulerDeps(rt),
    uploadToken,
    runInBackground: (_c, task) => ctx.waitUntil(task().catch((err) => logger.error('background task failed', { err }))),
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? null,
    assets,
  };
}

/** Logs and records (Error Log) that the schema is behind; handlers then refuse to work. */
function reportSchemaBehind(rt: Runtime, ctx: ExecutionContext, method: string, path: string) {
  rt.logger.error('schema behind', { expected: expectedMigrations });
  ctx.waitUntil(
    recordError(rt.db, { method, path, error: new Error(SCHEMA_BEHIND) }, rt.clock()).catch((err) => rt.logger.error('could not record error in the Error Log', { err })),
  );
}

const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let rt: Runtime;
    try {
      rt = openRuntime(env);
    } catch (err) {
      if (err instanceof ConfigError) return json({ error: 'Backwatch is misconfigured', problems: err.problems }, 500);
      throw err;
    }
    if (!(await schemaIsCurrent(rt))) {
      reportSchemaBehind(rt, ctx, request.method, new URL(request.url).pathname);
      return json({ error: SCHEMA_BEHIND }, 503);
    }
    await ensureAdminAccount(rt);
    return createApp(await buildDeps(rt, ctx)).fetch(request, env, ctx);
  },

  /** The Cron Trigger in wrangler.toml (SCHEDULER_CRONS): runs the scans due at the trigger time. */
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const rt = openRuntime(env);
    if (!(await schemaIsCurrent(rt))) return reportSchemaBehind(rt, ctx, 'CRON', controller.cron);
    // Awaited rather than handed to waitUntil: the invocation lives as long as this promise, and
    // the runtime reports the tick as failed if it rejects.
    await runScheduled(schedulerDeps(rt), new Date(controller.scheduledTime));
  },
};
