/**
 * A cache by text key for values that are cheap to make again but asked for on every upload. It is
 * emptied whenever it reaches `max` entries, which bounds its memory without bookkeeping per read.
 * A value whose making throws is not kept.
 */
export function boundedCache<V>(max: number): (key: string, make: () => V) => V {
  const entries = new Map<string, V>();
  return (key, make) => {
    let value = entries.get(key);
    if (value === undefined) {
      value = make();
      if (entries.size >= max) entries.clear();
      entries.set(key, value);
    }
    return value;
  };
}
