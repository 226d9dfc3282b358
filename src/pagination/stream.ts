import { vendorMaxOf } from './bounds.js';
import type { MergeStream } from './merge.js';
import type { ListAdapter } from './types.js';

export interface StreamOptions {
  /** Vendor page size; defaults to the vendor's maximum, which costs the fewest calls. */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Walks a whole vendor list one vendor page at a time, holding only the current page, so
 * export-sized reads (a year of tag interactions, 100,000 NPS records) use constant memory.
 */
export async function* iteratePages<T>(
  adapter: ListAdapter<T>,
  options: StreamOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const { signal } = options;
  const size = Math.max(
    1,
    Math.min(options.pageSize ?? Number.POSITIVE_INFINITY, vendorMaxOf(adapter)),
  );
  if (adapter.kind === 'cursor') {
    let cursor: string | null = null;
    do {
      const answer = await adapter.fetch(cursor, size, signal);
      if (answer.items.length === 0) return;
      yield answer.items;
      cursor = answer.nextCursor;
    } while (cursor !== null);
    return;
  }
  let seen = 0;
  for (let page = 1; ; page++) {
    const answer =
      adapter.kind === 'page'
        ? await adapter.fetchPage(page, size, signal)
        : await adapter.fetch(seen, size, signal);
    const items = answer.items.slice(0, size);
    seen += items.length;
    if (items.length > 0) yield items;
    const hasNextPage = 'hasNextPage' in answer ? answer.hasNextPage : undefined;
    const short = items.length < size && hasNextPage !== true;
    // A reported total saves the final call that would only return an empty page.
    const total = answer.total;
    if (
      short ||
      items.length === 0 ||
      hasNextPage === false ||
      (typeof total === 'number' && seen >= total)
    ) {
      return;
    }
  }
}

/** The items of a whole vendor list, in order, one vendor page in memory at a time. */
export async function* iterateAdapter<T>(
  adapter: ListAdapter<T>,
  options: StreamOptions = {},
): AsyncGenerator<T, void, undefined> {
  for await (const page of iteratePages(adapter, options)) yield* page;
}

/**
 * The merged order of `mergedConnection` (key descending, then stream name, then each stream's
 * own order) over whole lists, holding one vendor page per stream.
 */
export async function* iterateMerged<T>(
  streams: readonly MergeStream<T>[],
  options: StreamOptions & { sortKey: (item: T) => number },
): AsyncGenerator<T, void, undefined> {
  const key = (node: T) => {
    const value = options.sortKey(node);
    return Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
  };
  const sorted = [...streams].sort((a, b) => (a.name < b.name ? -1 : 1));
  const sources = sorted.map((stream) => iterateAdapter(stream.adapter, options));
  try {
    const heads = await Promise.all(sources.map((source) => source.next()));
    for (;;) {
      let best = -1;
      let bestKey = Number.NEGATIVE_INFINITY;
      heads.forEach((head, i) => {
        if (head.done) return;
        const value = key(head.value);
        if (best === -1 || value > bestKey) {
          best = i;
          bestKey = value;
        }
      });
      const head = heads[best];
      if (head === undefined || head.done) return;
      yield head.value;
      heads[best] = await (sources[best] as AsyncGenerator<T, void, undefined>).next();
    }
  } finally {
    // Stop the other streams' reads when the consumer stops early.
    await Promise.all(sources.map((source) => source.return()));
  }
}
