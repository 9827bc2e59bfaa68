import type { ChannelDefinition } from './channel';
import { email } from './email/email';
import { ntfy } from './ntfy/ntfy';
import { webhook } from './webhook/webhook';
import { webPush } from './webpush/webpush';

/** Every channel kind; adding one is a folder beside these and one line here. */
export const CHANNELS: Record<string, ChannelDefinition> = {
  [email.kind]: email,
  [ntfy.kind]: ntfy,
  [webhook.kind]: webhook,
  [webPush.kind]: webPush,
};

export type { ChannelDefinition, Message } from './channel';
