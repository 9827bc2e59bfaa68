import { describe, expect, it } from 'vitest';
import { blockAfterFailure } from '../../src/auth/throttle-policy';

describe('blockAfterFailure', () => {
  it.each([
    ['account', 1, 0, false],
    ['account', 2, 0, false],
    ['account', 3, 1_000, false],
    ['account', 4, 2_000, false],
    ['account', 9, 64_000, false],
    ['account', 10, 900_000, true],
    ['account', 25, 900_000, true],
    ['address', 19, 0, false],
    ['address', 20, 1_000, false],
    ['address', 40, 900_000, false],
  ] as const)('%s after %i failures waits %i ms (lockout %s)', (kind, failures, ms, lockout) => {
    expect(blockAfterFailure(kind, failures)).toEqual({ ms, lockout });
  });
});
