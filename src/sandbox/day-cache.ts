/**
 * Memoises lazily generated slices (a day of rows) with a small least-recently-used bound, so
 * that paging through a day does not regenerate it while a long walk does not hold every day.
 */
export function dayCache<K, V>(generate: (key: K) => V, capacity = 64): (key: K) => V {
  const entries = new Map<K, V>();
  return (key) => {
    const hit = entries.get(key);
    if (hit !== undefined) {
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const value = generate(key);
    entries.set(key, value);
    if (entries.size > capacity) entries.delete(entries.keys().next().value as K);
    return value;
  };
}
