import { describe, expect, it } from 'vitest';
import { deliveriesWithin } from '../../../src/notify/deliver';

describe('deliveries within a subrequest budget', () => {
  it.each([
    // The Worker's default: the free plan's 50 less 20 for the rest of the invocation.
    [30, 11],
    [9, 1],
    [8, 0],
    [7, 0],
    [0, 0],
    // Workers Paid's default 10,000, same reserve.
    [9_980, 4_986],
  ])('%i subrequests → %i deliveries (7 for the drain itself, 2 per delivery)', (subrequests, deliveries) => {
    expect(deliveriesWithin(subrequests)).toBe(deliveries);
  });
});
