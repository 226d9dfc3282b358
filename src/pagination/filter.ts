import { planPages } from './page-plan.js';
import type { CursorAdapter, OffsetAdapter, PageAdapter } from './types.js';

const MIN_SCAN = 20;

/** What a client-side filter says of one vendor item, in the list's own order. */
export type FilterVerdict = 'keep' | 'skip' | 'end';

/**
 * A page-numbered list seen as offset + limit: any window in at most 2 vendor calls, chosen by
 * the same page plan the bridge uses.
 */
export function pagesAsOffsets<T>(adapter: PageAdapter<T>): OffsetAdapter<T> {
  return {
    kind: 'offset',
    maxLimit: adapter.maxPageSize,
    reportsTotal: adapter.reportsTotal,
    async fetch(offset, limit, signal) {
      const plan = planPages(offset, limit, adapter.maxPageSize);
      const pages = await Promise.all(
        Array.from({ length: plan.pages }, (_, i) =>
          adapter.fetchPage(plan.page + i, plan.size, signal),
        ),
      );
      const items: T[] = [];
      let short = false;
      for (const page of pages) {
        if (short) break;
        items.push(...page.items);
        short = page.items.length < plan.size;
      }
      const skip = offset - (plan.page - 1) * plan.size;
      return { items: items.slice(skip, skip + limit), total: pages[0]?.total ?? null };
    },
  };
}

/**
 * A vendor list narrowed by a filter the vendor cannot apply (an NPS category, a date bound
 * Planhat does not take). Its cursor is the raw offset just past the last item handed out, so a
 * resumed page re-reads nothing it skipped; `end` stops the scan for lists sorted on the bound.
 * Unlike an unfiltered list, one page may cost several vendor calls when matches are sparse: the
 * first read asks for twice what is wanted, each further read four times more (up to the
 * vendor's maximum), so a sparse filter costs a few calls and a dense one no overfetch.
 */
export function filteredList<T>(
  source: OffsetAdapter<T>,
  verdict: (item: T) => FilterVerdict,
): CursorAdapter<T> {
  return {
    kind: 'cursor',
    maxLimit: source.maxLimit,
    async fetch(vendorCursor, limit, signal) {
      let offset = vendorCursor === null ? 0 : Number(vendorCursor);
      const items: T[] = [];
      const cursors: string[] = [];
      let want = Math.min(source.maxLimit, Math.max(MIN_SCAN, limit * 2));
      for (; ; want = Math.min(source.maxLimit, want * 4)) {
        const page = await source.fetch(offset, want, signal);
        for (let i = 0; i < page.items.length; i++) {
          const item = page.items[i] as T;
          const said = verdict(item);
          if (said === 'end') return { items, cursors, nextCursor: null };
          if (said === 'keep') {
            items.push(item);
            cursors.push(String(offset + i + 1));
          }
          if (items.length === limit) {
            const more = i + 1 < page.items.length || isFull(page, want);
            return { items, cursors, nextCursor: more ? String(offset + i + 1) : null };
          }
        }
        if (!isFull(page, want)) return { items, cursors, nextCursor: null };
        offset += page.items.length;
      }
    },
  };
}

function isFull(page: { items: unknown[]; hasNextPage?: boolean | null }, want: number): boolean {
  return page.hasNextPage ?? page.items.length >= want;
}
