// How fresh the cross-request cached data behind one answer is, so that a GET answer's
// Cache-Control `max-age` says no more than that (src/http/get-cache.ts). Keyed by the request's
// context object: nothing to clean up, and a request that reads no cache costs nothing.

const least = new WeakMap<object, number>();

/** What a cache can say of an entry: how long it stays fresh (0: absent, stale or off). */
export interface FreshnessSource<V> {
  freshForMs(key: string, now?: number): number;
  get(key: string, load: () => Promise<V>): Promise<V>;
}

/** `cache.get`, noting for `request` how long the entry it is served stays fresh. */
export function readThrough<V>(
  request: object,
  cache: FreshnessSource<V>,
  key: string,
  load: () => Promise<V>,
): Promise<V> {
  noteCachedRead(request, cache.freshForMs(key));
  return cache.get(key, load);
}

export function noteCachedRead(request: object, remainingMs: number): void {
  const current = least.get(request);
  if (current === undefined || remainingMs < current) least.set(request, remainingMs);
}

/** The least freshness of the cached entries the request read; undefined when it read none. */
export function cachedFreshnessMs(request: object): number | undefined {
  return least.get(request);
}
