/**
 * Makes `key` the most recent entry of an insertion-ordered map, then drops the oldest entries
 * past `max`: the one bound every in-memory cache here keeps.
 *
 * The maps it bounds are read on the hot path (cursor digests, token counts, derived values) with
 * a plain `Map.get`, 20 ns a hit against lru-cache's 30, which renews recency on every read
 * (`npx tsx scripts/bench-caches.ts`); an entry's place is renewed when it is set instead.
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}
