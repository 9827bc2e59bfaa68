import type { Context } from 'hono';
import type { Config } from './config';
import type { Store } from './db/store';
import type { Logger } from './logger';
import type { MailTransport } from './notify/channels/email/transport';
import type { AssetManifest } from './ui/assets';

/** Everything runtime-specific, built by an entry (src/server.ts, src/worker.ts) and handed to createApp. */
export type AppDeps = {
  store: Store;
  config: Config;
  logger: Logger;
  clock: () => Date;
  /** Master secret (SECRET_KEY, or the generated key file on Node); derive purpose keys with deriveKey(). */
  secretKey: string;
  /** The token Duplicati clients present; null only when anonymous upload is allowed and none is set. */
  uploadToken: string | null;
  /** Work that must not delay the response: after it on Node, `ctx.waitUntil` on Workers. */
  runInBackground: (c: Context, task: () => Promise<unknown>) => void;
  /** SMTP sending for the e-mail channel: nodemailer on Node, worker-mailer on Workers (src/notify/channels/email/). */
  sendMail?: MailTransport;
  /**
   * Workers: the subrequests (database round trips and sends) one outbox drain may spend, so an
   * invocation stays within the plan's limit. Unset on Node, where a drain delivers everything due.
   */
  deliverySubrequests?: number;
  /** The client's address as the runtime sees it. */
  clientAddress: (c: Context) => string | null;
  /** The front-end build's asset manifest (src/ui/assets.ts); without it pages render with no scripts. */
  assets?: AssetManifest;
};
