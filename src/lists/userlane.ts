// The Userlane lists as bridge adapters: each one vendor page per fetch, nothing more.
import type { DateRange } from '../domain/date-range.js';
import type { PageAdapter } from '../pagination/index.js';
import type { UserlaneClient } from '../vendors/userlane/client.js';
import { USERLANE_PAGE_LIMIT_MAX } from '../vendors/userlane/limits.js';

type PageFetch<T> = (page: number, size: number, signal?: AbortSignal) => Promise<T[]>;

function pageList<T>(fetch: PageFetch<T>): PageAdapter<T> {
  return {
    kind: 'page',
    maxPageSize: USERLANE_PAGE_LIMIT_MAX,
    fetchPage: async (page, size, signal) => ({ items: await fetch(page, size, signal) }),
  };
}

export function heartList(client: UserlaneClient, range: DateRange) {
  return pageList((page, size, signal) => client.heart(range, page, size, { signal }));
}
