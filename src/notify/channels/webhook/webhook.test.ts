import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startHttpCapture } from '../../../../tests/support/notify-peers';
import type { Message } from '../channel';
import { SIGNATURE_HEADER, webhook } from './webhook';

const message: Message = { kind: 'failed', reminder: false, test: false, title: 'T', body: 'B', vars: { backup_name: 'Documents' }, url: null, tag: 'job-1', jobId: 1 };

describe('webhook channel', { timeout: 30_000 }, () => {
  it('posts JSON signed with HMAC-SHA256 of the exact body', async () => {
    const capture = await startHttpCapture();
    try {
      const attempt = await webhook.send({ config: { url: `${capture.url}/hook` }, secret: 's3cret', message, services: { fetch } });
      expect(attempt.error).toBeNull();
      const [req] = capture.requests;
      expect(req!.headers['content-type']).toBe('application/json');
      expect(req!.headers[SIGNATURE_HEADER]).toBe(`sha256=${createHmac('sha256', 's3cret').update(req!.body).digest('hex')}`);
      expect(JSON.parse(req!.body.toString())).toEqual({ event: 'failed', reminder: false, test: false, title: 'T', body: 'B', url: null, jobId: 1, variables: { backup_name: 'Documents' } });
    } finally {
      await capture.close();
    }
  });

  it('sends no signature header without a secret', async () => {
    const capture = await startHttpCapture();
    try {
      await webhook.send({ config: { url: capture.url }, secret: null, message, services: { fetch } });
      expect(capture.requests[0]!.headers[SIGNATURE_HEADER]).toBeUndefined();
    } finally {
      await capture.close();
    }
  });

  it('turns an unreachable receiver into a failed attempt, not an exception', async () => {
    const capture = await startHttpCapture();
    await capture.close();
    const attempt = await webhook.send({ config: { url: capture.url }, secret: null, message, services: { fetch } });
    expect(attempt.responseCode).toBeNull();
    expect(attempt.error).toMatch(/fetch failed|ECONNREFUSED/);
  });
});
