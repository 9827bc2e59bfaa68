import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../src/logger';

describe('redact', () => {
  it.each([['password'], ['newPassword'], ['secret'], ['uploadToken'], ['token'], ['authorization'], ['Cookie'], ['apiKey'], ['api_key'], ['privateKey']])(
    'hides the value of %s',
    (key) => {
      expect(redact({ [key]: 'hunter2' })).toEqual({ [key]: '[redacted]' });
    },
  );

  it('hides secrets inside nested objects and keeps the rest', () => {
    expect(redact({ request: { headers: { authorization: 'Bearer x', 'content-type': 'application/json' } }, status: 401 })).toEqual({
      request: { headers: { authorization: '[redacted]', 'content-type': 'application/json' } },
      status: 401,
    });
  });

  it('turns errors into name, message and stack', () => {
    const err = new TypeError('boom');
    expect(redact({ err })).toEqual({ err: { name: 'TypeError', message: 'boom', stack: err.stack } });
  });
});

describe('createLogger', () => {
  function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ level, write: (line) => lines.push(JSON.parse(line)) });
    return { logger, lines };
  }

  it('writes one JSON object per line with time, level and message', () => {
    const { logger, lines } = capture();
    logger.info('upload stored', { requestId: 7 });
    expect(lines).toEqual([{ time: expect.any(String), level: 'info', msg: 'upload stored', requestId: 7 }]);
  });

  it('never writes a secret passed by a careless call', () => {
    const { logger, lines } = capture();
    logger.error('login failed', { username: 'ada', password: 'hunter2', headers: { cookie: 'sid=1' } });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(JSON.stringify(lines)).not.toContain('sid=1');
    expect(lines[0]).toMatchObject({ username: 'ada', password: '[redacted]' });
  });

  it('drops messages below its level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((l) => l.msg)).toEqual(['loud']);
  });

  it('adds child fields to every line and redacts them too', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'ingest', token: 'abc' }).info('hello');
    expect(lines[0]).toMatchObject({ component: 'ingest', token: '[redacted]', msg: 'hello' });
  });
});
