import { describe, expect, it } from 'vitest';
import { presentedUploadToken, uploadTokenMatches } from '../../src/auth/upload-token';
import { constantTimeEqual } from '../../src/auth/secrets';

const url = (s: string) => new URL(s, 'http://backwatch.test');

describe('presentedUploadToken', () => {
  it.each([
    ['the path segment', 'from-path', '/api/upload?token=from-query', 'Bearer from-header', 'from-path'],
    ['?token= when there is no path segment', undefined, '/api/upload?token=from-query', 'Bearer from-header', 'from-query'],
    ['the Bearer header last', undefined, '/api/upload', 'Bearer from-header', 'from-header'],
    ['a lower-case bearer scheme', undefined, '/api/upload', 'bearer  spaced ', 'spaced'],
    ['nothing when no token is given', undefined, '/api/upload', undefined, undefined],
    ['nothing for another auth scheme', undefined, '/api/upload', 'Basic dXNlcjpwYXNz', undefined],
  ])('takes %s', (_what, path, href, authorization, expected) => {
    expect(presentedUploadToken(path, url(href), authorization)).toBe(expected);
  });
});

describe('uploadTokenMatches', () => {
  it.each([
    ['the same token', 'secret-token-0123456789', 'secret-token-0123456789', true],
    ['a different token of the same length', 'secret-token-0123456789', 'secret-token-0123456780', false],
    ['a prefix of the token', 'secret-token-0123456789', 'secret-token', false],
    ['a longer token', 'secret-token-0123456789', 'secret-token-0123456789x', false],
    ['an empty token', 'secret-token-0123456789', '', false],
    ['no token', 'secret-token-0123456789', undefined, false],
  ])('accepts only an exact match: %s', (_what, expected, presented, ok) => {
    expect(uploadTokenMatches(expected, presented)).toBe(ok);
  });
});

describe('constantTimeEqual', () => {
  it.each([
    ['', '', true],
    ['a', '', false],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['ü', 'u', false],
  ])('compares %j and %j', (a, b, same) => {
    expect(constantTimeEqual(a, b)).toBe(same);
  });
});
