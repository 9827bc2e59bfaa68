import { describe, expect, it } from 'vitest';
import { startPushService } from '../../../../tests/support/notify-peers';
import type { Message } from '../channel';
import { generateVapidKeys } from './vapid';
import { MAX_PAYLOAD_BYTES, pushPayload, webPush } from './webpush';
import { silentLogger } from '../../../logger';

const message = (body: string): Message => ({ kind: 'failed', reminder: false, test: false, title: 'Failed', body, vars: {}, url: '/jobs/3', tag: 'job-3', jobId: 3 });

describe('web push channel', { timeout: 30_000 }, () => {
  it('keeps the payload under the browsers’ 4 KB limit however long the body', () => {
    const payload = pushPayload(message('é'.repeat(20_000)));
    expect(new TextEncoder().encode(payload).byteLength).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(JSON.parse(payload)).toMatchObject({ title: 'Failed', tag: 'job-3', url: '/jobs/3' });
  });

  it('delivers an encrypted, VAPID-signed message that the push service decrypts, and reports an expired subscription as gone', async () => {
    const push = await startPushService();
    try {
      const keys = await generateVapidKeys();
      const sub = await push.subscribe(keys.publicKey);
      const services = { fetch, logger: silentLogger, vapid: { ...keys, subject: 'mailto:ops@example.com' }, recipient: { endpoint: sub.endpoint, ...sub.keys } };
      const attempt = await webPush.send({ config: {}, secret: null, message: message('Backup failed'), services });
      expect(attempt).toMatchObject({ responseCode: 201, error: null });
      expect(JSON.stringify(attempt.headers)).not.toMatch(/vapid t=/i);
      expect((await push.messages(sub.clientHash)).map((m) => JSON.parse(m))).toEqual([{ title: 'Failed', body: 'Backup failed', tag: 'job-3', url: '/jobs/3', event: 'failed' }]);

      await push.expire(sub.clientHash);
      const gone = await webPush.send({ config: {}, secret: null, message: message('again'), services });
      expect(gone).toMatchObject({ responseCode: 410, gone: true });
    } finally {
      await push.close();
    }
  });
});
