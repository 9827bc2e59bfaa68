import { describe, expect, it } from 'vitest';
import { boundedCache } from '../../src/bounded-cache';

describe('boundedCache', () => {
  it('makes a value once per key and gives the same one back', () => {
    const cache = boundedCache<{ n: number }>(10);
    let made = 0;
    const make = () => ({ n: ++made });
    const first = cache('a', make);
    expect(cache('a', make)).toBe(first);
    expect(cache('b', make)).toEqual({ n: 2 });
    expect(made).toBe(2);
  });

  it('starts empty again when it reaches its size, so every key is made anew', () => {
    const cache = boundedCache<string>(2);
    const made: string[] = [];
    const get = (k: string) => cache(k, () => (made.push(k), k.toUpperCase()));
    for (const k of ['a', 'b', 'c', 'a', 'b']) get(k);
    // 'c' found the cache full and emptied it, so 'a' and 'b' were made again after it.
    expect(made).toEqual(['a', 'b', 'c', 'a', 'b']);
    get('b');
    expect(made).toHaveLength(5);
  });

  it('keeps nothing for a key whose making throws', () => {
    const cache = boundedCache<string>(10);
    expect(() => cache('bad', () => { throw new Error('invalid'); })).toThrow('invalid');
    expect(cache('bad', () => 'made on the second ask')).toBe('made on the second ask');
  });
});
