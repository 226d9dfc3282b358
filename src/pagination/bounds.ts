import type { ListAdapter } from './types.js';

/** Page size when a connection field gets neither `first` nor `last`. */
export const DEFAULT_FIRST = 20;

/**
 * Largest `first`/`last` a connection accepts unless its field declares its own `maxFirst`:
 * UserHero's largest page, the smallest maximum among the vendors. A field whose every stream
 * pages further (Planhat-only reads, for an export) may declare more, documented in its `first`
 * description; the vendors' own maxima still bound it.
 */
export const MAX_FIRST = 100;

/** The largest `first` any field declares (Planhat and Userlane NPS exports): bounds cost analysis. */
export const EXPORT_MAX_FIRST = 1000;

/** The largest page or limit one vendor call may ask for. */
export function vendorMaxOf(adapter: ListAdapter<unknown>): number {
  return adapter.kind === 'page' ? adapter.maxPageSize : adapter.maxLimit;
}

/**
 * The bound on `first`/`last` for one list. It never exceeds the vendor's own maximum `M`: with
 * `n <= M`, the `n + 1` items a page looks at always lie in two vendor pages of size at most `M`
 * (or in one offset read plus one more item, or in what remains of a resumed cursor page plus
 * one more page), which keeps every GraphQL page within 2 vendor calls.
 */
export function maxFirstFor(adapters: readonly ListAdapter<unknown>[], requested?: number): number {
  let max = requested ?? MAX_FIRST;
  for (const adapter of adapters) max = Math.min(max, vendorMaxOf(adapter));
  return Math.max(0, Math.floor(max));
}

/** A sentence for the `first` argument's GraphQL description. */
export function describeFirst(maxFirst = MAX_FIRST, defaultFirst = DEFAULT_FIRST): string {
  return `Number of items to return, 0 to ${maxFirst} (default ${Math.min(defaultFirst, maxFirst)}).`;
}
