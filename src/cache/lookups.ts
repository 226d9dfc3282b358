// What a cross-request cache tells its observer (the `gateway_cache_lookups_total` counter) about
// each lookup. Caches only call an optional function; without one a lookup costs nothing more.

/** `stale`: served past its TTL while a background refresh replaces it. */
export type CacheLookup = 'hit' | 'miss' | 'stale';

export type LookupObserver = (result: CacheLookup) => void;

/** What a stale-while-revalidate lookup of `entry` at `now` will answer with. */
export function swrLookup(
  entry: { loadedAt: number; settled: boolean } | undefined,
  now: number,
  ttlMs: number,
  maxAgeMs: number,
): CacheLookup {
  if (entry === undefined) return 'miss';
  const age = now - entry.loadedAt;
  if (age < ttlMs) return 'hit';
  return entry.settled && age < Math.max(maxAgeMs, ttlMs) ? 'stale' : 'miss';
}
