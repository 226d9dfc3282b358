/**
 * Makes `key` the most recent entry of an insertion-ordered map, then drops the oldest entries
 * past `max`: the one bound every in-memory cache here keeps.
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}
