import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startHttpCapture } from '../../../../tests/support/notify-peers';
import type { Message } from '../channel';
import { SIGNATURE_HEADER, webhook } from './webhook';
import { createLogger, silentLogger } from '../../../logger';

const message: Message = { kind: 'failed', reminder: false, test: false, title: 'T', body: 'B', vars: { backup_name: 'Documents' }, url: null, tag: 'job-1', jobId: 1 };

describe('webhook channel', { timeout: 30_000 }, () => {
  it('posts JSON signed with HMAC-SHA256 of the exact body', async () => {
    const capture = await startHttpCapture();
    try {
      const attempt = await webhook.send({ config: { url: `${capture.url}/hook` }, secret: 's3cret', message, services: { fetch, logger: silentLogger } });
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
      await webhook.send({ config: { url: capture.url }, secret: null, message, services: { fetch, logger: silentLogger } });
      expect(capture.requests[0]!.headers[SIGNATURE_HEADER]).toBeUndefined();
    } finally {
      await capture.close();
    }
  });

  it('keeps the status of an error answer whose body is cut off, and logs why the body is missing', async () => {
    const capture = await startHttpCapture();
    const lines: Record<string, any>[] = [];
    const logger = createLogger({ write: (line) => lines.push(JSON.parse(line)) });
    try {
      capture.failNext('/secret-path/hook', 1, 502, 'cut-off');
      const attempt = await webhook.send({ config: { url: `${capture.url}/secret-path/hook` }, secret: null, message, services: { fetch, logger } });
      expect(attempt).toMatchObject({ responseCode: 502, error: 'HTTP 502' });
      expect(lines).toEqual([
        expect.objectContaining({ level: 'warn', msg: 'notification response body could not be read', host: new URL(capture.url).host, status: 502, err: expect.objectContaining({ message: expect.any(String) }) }),
      ]);
      expect(JSON.stringify(lines)).not.toContain('secret-path');
    } finally {
      await capture.close();
    }
  });

  it('turns an unreachable receiver into a failed attempt, not an exception', async () => {
    const capture = await startHttpCapture();
    await capture.close();
    const attempt = await webhook.send({ config: { url: capture.url }, secret: null, message, services: { fetch, logger: silentLogger } });
    expect(attempt.responseCode).toBeNull();
    expect(attempt.error).toMatch(/fetch failed|ECONNREFUSED/);
  });
});
