import { setRecent } from '../cache/recent-map.js';

/**
 * Memoises lazily generated slices (a day of rows) with a small least-recently-used bound, so
 * that paging through a day does not regenerate it while a long walk does not hold every day.
 */
export function dayCache<K, V>(generate: (key: K) => V, capacity = 64): (key: K) => V {
  const entries = new Map<K, V>();
  return (key) => {
    const value = entries.has(key) ? (entries.get(key) as V) : generate(key);
    setRecent(entries, key, value, capacity);
    return value;
  };
}
