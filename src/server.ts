import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { MIGRATIONS_DIR } from './project-root';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import type { AppDeps } from './deps';
import { applyMigrations } from './db/migrate';
import { openNodeDatabase } from './db/node-client';
import { SERVER_CHECKPOINTS, startCheckpointThread } from './db/checkpoint-thread';
import { groupCommitWriter } from './db/writer';
import { createLogger, type Logger } from './logger';
import { resolveUploadToken } from './auth/upload-token';
import { loadOrCreateKeyFile } from './auth/key-file';
import { ensureFirstAdmin, firstAdminNotice } from './auth/users';
import { loadNodeAssetManifest } from './ui/node-assets';
import { withStaticFiles } from './ui/static-files';
import { startScheduler } from './monitor/scheduler';
import { vapidKeys, vapidSubject } from './notify/channels/webpush/vapid';
import { nodeMailTransport } from './notify/channels/email/transport-node';

function duplicatiOptions(config: Config, token: string | null): string {
  const host = config.publicUrl ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? '<this-host>' : config.host}:${config.port}`;
  const url = token ? `${host.replace(/\/$/, '')}/api/upload/${token}` : `${host.replace(/\/$/, '')}/api/upload`;
  return `--send-http-url=${url} --send-http-result-output-format=Json --send-http-log-level=Information --send-http-max-log-lines=0`;
}

/** Starts Backwatch on Node with the embedded libSQL file; resolves once listening. */
export async function startServer(env: Record<string, string | undefined>, out: Logger) {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  const { db, client, path } = await openNodeDatabase(config.databaseUrl, config.databaseBusyTimeoutMs, { autoCheckpoint: false });
  await applyMigrations(db, MIGRATIONS_DIR);
  const checkpoints = startCheckpointThread({ path, busyTimeoutMs: config.databaseBusyTimeoutMs, ...SERVER_CHECKPOINTS }, logger);
  const clock = () => new Date();
  const firstRun = await ensureFirstAdmin(db, config.adminPassword, clock());
  const { token, generated } = config.allowAnonymousUpload && !config.uploadToken
    ? { token: null, generated: false }
    : await resolveUploadToken(db, config.uploadToken, clock());

  const pending = new Set<Promise<unknown>>();
  const deps: AppDeps = {
    store: { db, writer: groupCommitWriter(db) },
    config,
    logger,
    clock,
    secretKey: loadOrCreateKeyFile(config.secretKey, dirname(path)),
    uploadToken: token,
    runInBackground: (_c, task) => {
      const p = task().catch((err) => logger.error('background task failed', { err }));
      pending.add(p);
      void p.finally(() => pending.delete(p));
    },
    sendMail: nodeMailTransport,
    clientAddress: (c) => getConnInfo(c).remote.address ?? null,
    assets: loadNodeAssetManifest(),
  };
  const app = withStaticFiles(createApp(deps), { config });
  // Web push keys exist from the first start, so devices can subscribe before any alert.
  await vapidKeys(deps.store, deps.secretKey, vapidSubject(config.publicUrl), clock());
  const scheduler = startScheduler(deps);

  const server = await new Promise<ReturnType<typeof serve>>((resolveListening) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolveListening(s));
  });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  out.info(`Backwatch listening on http://${shown}:${config.port}`, { database: path });
  if (generated) out.info(`Upload token (generated, kept in the database): ${token}`);
  if (firstRun.created) out.info(firstAdminNotice(firstRun));
  out.info(`Duplicati options: ${duplicatiOptions(config, generated ? token : null)}`);

  async function stop() {
    await new Promise<void>((r) => server.close(() => r()));
    await scheduler.stop();
    await Promise.allSettled([...pending]);
    await checkpoints.stop();
    client.close();
  }
  return { app, deps, stop, port: config.port };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  // Console lines for a person starting the server; the app itself logs structured JSON.
  const console_: Logger = createLogger({ write: (line) => {
    const { msg, ...rest } = JSON.parse(line) as { msg: string; time: string; level: string };
    const extra = Object.entries(rest).filter(([k]) => k !== 'time' && k !== 'level');
    process.stdout.write(`${msg}${extra.length ? ` ${extra.map(([k, v]) => `(${k}: ${String(v)})`).join(' ')}` : ''}\n`);
  } });
  startServer(process.env, console_)
    .then(({ stop }) => {
      const shutdown = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    })
    .catch((err) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`${err.message}\nFix the variable(s) above and start again.\n`);
      } else {
        process.stderr.write(`Backwatch could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
      }
      process.exit(1);
    });
}
