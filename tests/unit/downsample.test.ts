import { describe, expect, it } from 'vitest';
import { alignSeries, downsampleMinMax } from '../../src/metrics/downsample';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('downsampleMinMax', () => {
  it('returns short series unchanged', () => {
    expect(downsampleMinMax([1, 2, 3], [5, 6, 7], 10)).toEqual({ x: [1, 2, 3], y: [5, 6, 7] });
  });

  it('returns an empty series for no runs', () => {
    expect(downsampleMinMax([], [], 10)).toEqual({ x: [], y: [] });
  });

  it('never returns more points than asked for', () => {
    for (const [n, max] of [[10_000, 1000], [1001, 1000], [5000, 7], [100_000, 1000]] as const) {
      const out = downsampleMinMax(range(n), range(n).map((i) => Math.sin(i)), max);
      expect(out.x.length).toBeLessThanOrEqual(max);
      expect(out.x.length).toBe(out.y.length);
    }
  });

  it('keeps a single spike that averaging would flatten', () => {
    const ys = range(10_000).map((i) => (i === 4321 ? 1e9 : 1));
    const out = downsampleMinMax(range(10_000), ys, 100);
    expect(Math.max(...out.y)).toBe(1e9);
    expect(out.x[out.y.indexOf(1e9)]).toBe(4321);
  });

  it('keeps a single dip and the overall minimum', () => {
    const ys = range(5000).map((i) => (i === 17 ? -3 : 10 + (i % 7)));
    const out = downsampleMinMax(range(5000), ys, 50);
    expect(Math.min(...out.y)).toBe(-3);
    expect(Math.max(...out.y)).toBe(16);
  });

  it('keeps points in time order and includes the first and last run', () => {
    const xs = range(3000).map((i) => i * i);
    const out = downsampleMinMax(xs, xs.map((x) => x % 11), 200);
    expect(out.x).toEqual([...out.x].sort((a, b) => a - b));
    expect(new Set(out.x).size).toBe(out.x.length);
    expect(out.x[0]).toBe(0);
    expect(out.x.at(-1)).toBe(xs.at(-1));
  });

  it('buckets by time, so a burst of runs does not crowd out a quiet year', () => {
    const quiet = range(10).map((i) => 1_000_000 * (i + 1));
    const xs = [...range(2000), ...quiet];
    const out = downsampleMinMax(xs, xs.map(() => 1), 40);
    expect(out.x.filter((x) => x >= 1_000_000)).toEqual(quiet);
  });

  it('rejects mismatched arrays and impossible limits', () => {
    expect(() => downsampleMinMax([1], [], 10)).toThrow(/differ in length/);
    expect(() => downsampleMinMax([1], [1], 3)).toThrow(/at least 4/);
  });
});

describe('alignSeries', () => {
  it('merges x values and fills gaps with null', () => {
    expect(alignSeries([{ x: [1, 3], y: [10, 30] }, { x: [2, 3], y: [20, 31] }])).toEqual({
      x: [1, 2, 3],
      ys: [[10, null, 30], [null, 20, 31]],
    });
  });
});
