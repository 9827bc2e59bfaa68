import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(65535).default(9666),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s): or ws(s):')
    .default('file:./data/backwatch.db'),
  TURSO_DATABASE_URL: z.string().regex(/^(libsql|https?|wss?):/, 'must be a libsql:// or https:// URL').optional(),
  TURSO_AUTH_TOKEN: z.string().optional(),
  UPLOAD_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ALLOW_ANONYMOUS_UPLOAD: booleanFromEnv.default(false),
  MAX_UPLOAD_BYTES: z.coerce.number({ message: 'must be a number of bytes' }).int().min(1024).default(8 * 1024 * 1024),
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(50).max(600_000).default(10_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  PUBLIC_URL: z.string().url('must be a URL such as https://backwatch.example.com').optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(5).max(60 * 24 * 30).default(60 * 24),
  SESSION_MAX_HOURS: z.coerce.number({ message: 'must be a number of hours' }).int().min(1).max(24 * 90).default(24 * 7),
  WORKER_SUBREQUEST_LIMIT: z.coerce
    .number({ message: 'must be a number of subrequests' })
    .int()
    .min(50, 'must be at least 50, the Workers free plan limit')
    .max(10_000_000)
    .default(50),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  tursoAuthToken: string | undefined;
  uploadToken: string | undefined;
  allowAnonymousUpload: boolean;
  maxUploadBytes: number;
  /** How long a write on the database file waits while another process (a CLI, a backup tool) holds it. */
  databaseBusyTimeoutMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  publicUrl: string | undefined;
  /** Master secret for session signing and encryption at rest; on Node a key file is generated when unset. */
  secretKey: string | undefined;
  /** Password of the first `admin` account, used only when no user exists yet. */
  adminPassword: string | undefined;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Workers only: subrequests one invocation may make (the plan's limit: 50 free, 10,000 paid by default). */
  workerSubrequestLimit: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses configuration from an environment-like record; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])] ?? null)})`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.TURSO_DATABASE_URL ?? e.DATABASE_URL,
    tursoAuthToken: e.TURSO_AUTH_TOKEN,
    uploadToken: e.UPLOAD_TOKEN,
    allowAnonymousUpload: e.ALLOW_ANONYMOUS_UPLOAD,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    databaseBusyTimeoutMs: e.DATABASE_BUSY_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    secretKey: e.SECRET_KEY,
    adminPassword: e.ADMIN_PASSWORD,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    workerSubrequestLimit: e.WORKER_SUBREQUEST_LIMIT,
  };
}
