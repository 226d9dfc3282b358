// How range exports use the cross-request cache (`caches.exports`): which signal a read runs
// under, the keys they are cached by, and when a feed may be served from one.
import { noteCachedRead } from '../cache/freshness.js';
import type { SwrCache } from '../cache/swr-cache.js';
import type { DateRange } from '../domain/date-range.js';
import type { LoaderScope } from './scope.js';

export const rangeKey = (range: DateRange) => `${range.from}..${range.to}`;

/** A read through the cross-request cache: the cached copy, or `read` under the right signal. */
export type SharedRead = <V>(
  cache: SwrCache<V>,
  key: string,
  read: (signal: AbortSignal) => Promise<V>,
) => Promise<V>;

/**
 * A request's own read counts against its deadline and call cap; a background refresh of the
 * cross-request cache belongs to no request, so it gets its own deadline.
 */
export function sharedReads(ctx: LoaderScope): SharedRead {
  return (cache, key, read) => {
    noteCachedRead(ctx, cache.freshForMs(key));
    return cache.get(key, (background) =>
      read(background ? AbortSignal.timeout(ctx.services.config.requestDeadlineMs) : ctx.signal),
    );
  };
}

/**
 * A list is served from an export only if the request reads it anyway or a fresh copy exists:
 * `npsSummary` beside `npsResponses` reads each range once; a lone feed page reads one page.
 */
export function ifRead<K, V>(
  loader: ((arg: K) => Promise<V>) & { peek(arg: K): Promise<V> | undefined },
  cache: SwrCache<unknown>,
  arg: K,
  key: string,
): Promise<V> | null {
  return loader.peek(arg) ?? (cache.isFresh(key) ? loader(arg) : null);
}
