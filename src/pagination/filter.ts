import { BadUserInputError } from '../errors.js';
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
 * first read asks for what is wanted plus a quarter (a filter that keeps most items then costs
 * one call and reads little it does not serve; exactly what is wanted when the caller says the
 * filter is `dense`), the second for eight times what is wanted, each
 * further one four times more (up to the vendor's maximum), so a sparse filter costs a few calls.
 */
export function filteredList<T>(
  source: OffsetAdapter<T>,
  verdict: (item: T) => FilterVerdict,
  options: { dense?: boolean } = {},
): CursorAdapter<T> {
  // A dense filter (one that only bounds a range the list is sorted on) keeps every item
  // between its first keep and its end: the first read asks for just what is wanted.
  const pad = (limit: number) => (options.dense ? 0 : Math.ceil(limit / 4));
  return {
    kind: 'cursor',
    maxLimit: source.maxLimit,
    async fetch(vendorCursor, limit, signal) {
      let offset = vendorCursor === null ? 0 : Number(vendorCursor);
      const items: T[] = [];
      const cursors: string[] = [];
      let want = Math.min(source.maxLimit, Math.max(MIN_SCAN, limit + pad(limit)));
      for (let scan = 1; ; scan++) {
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
        // Inside a dense run what is still missing follows at once; before it (or for a sparse
        // filter) reads grow, so a long run of skipped items costs few calls.
        want =
          options.dense && items.length > 0
            ? Math.min(source.maxLimit, Math.max(MIN_SCAN, limit - items.length))
            : Math.min(source.maxLimit, scan === 1 ? Math.max(want * 4, limit * 8) : want * 4);
      }
    },
  };
}

function isFull(page: { items: unknown[]; hasNextPage?: boolean | null }, want: number): boolean {
  return page.hasNextPage ?? page.items.length >= want;
}

/**
 * A cursor-walked list narrowed by a filter the vendor cannot apply (Userlane's Tasks endpoint
 * has no task filter). A cursor vendor can only resume where one of its pages ended, so this
 * list's cursor is the source cursor of the vendor page holding the next item plus how many of
 * that page's items come before it. A resumed read re-reads that part of the page; once it is
 * longer than a first read, one call of exactly that length yields a fresh source cursor
 * instead, so re-reading stays bounded however long the walk (at most 2 calls per page when the
 * filter keeps most items). A read asks for twice what is wanted (plus what it re-reads) and
 * each further one four times more, up to the vendor's maximum.
 */
export function filteredCursorList<T>(
  source: CursorAdapter<T>,
  verdict: (item: T) => FilterVerdict,
): CursorAdapter<T> {
  return {
    kind: 'cursor',
    maxLimit: source.maxLimit,
    async fetch(vendorCursor, limit, signal) {
      let { at, skip } = readFilterCursor(vendorCursor, source.maxLimit);
      const items: T[] = [];
      const cursors: string[] = [];
      const base = Math.max(MIN_SCAN, limit * 2);
      if (skip > REREAD * base) {
        const prefix = await source.fetch(at, skip, signal);
        if (prefix.nextCursor === null || prefix.items.length === 0) {
          return { items, cursors, nextCursor: null };
        }
        skip = Math.max(0, skip - prefix.items.length);
        at = prefix.nextCursor;
      }
      let want = Math.min(source.maxLimit, base + skip);
      for (; ; want = Math.min(source.maxLimit, want * 4)) {
        const page = await source.fetch(at, want, signal);
        const next = page.items.length === 0 ? null : page.nextCursor;
        const from = at;
        // Where the list resumes right after item `i` of this page.
        const after = (i: number) =>
          i + 1 < page.items.length || next === null
            ? filterCursor(from, i + 1)
            : filterCursor(next, 0);
        for (let i = skip; i < page.items.length; i++) {
          const said = verdict(page.items[i] as T);
          if (said === 'end') return { items, cursors, nextCursor: null };
          if (said === 'keep') {
            items.push(page.items[i] as T);
            cursors.push(after(i));
          }
          if (items.length === limit) {
            const more = i + 1 < page.items.length || next !== null;
            return { items, cursors, nextCursor: more ? after(i) : null };
          }
        }
        if (next === null) return { items, cursors, nextCursor: null };
        // A page shorter than the skip (a vendor sending short pages) leaves part of it to skip.
        skip = Math.max(0, skip - page.items.length);
        at = next;
      }
    },
  };
}

/** How many first reads' worth of a vendor page a resumed filtered read may re-read. */
const REREAD = 1;

function filterCursor(at: string | null, skip: number): string {
  return JSON.stringify([at, skip]);
}

function readFilterCursor(
  raw: string | null,
  maxSkip: number,
): { at: string | null; skip: number } {
  if (raw === null) return { at: null, skip: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    (parsed[0] === null || typeof parsed[0] === 'string') &&
    Number.isSafeInteger(parsed[1]) &&
    (parsed[1] as number) >= 0 &&
    (parsed[1] as number) <= maxSkip
  ) {
    return { at: parsed[0] as string | null, skip: parsed[1] as number };
  }
  // Cursors reach here only through the bridge, which checked their envelope: this one was forged.
  throw new BadUserInputError(
    'The `after` cursor is malformed; pass a cursor exactly as a previous page returned it, or request the first page again without `after`.',
    { argument: 'after', reason: 'malformed_cursor' },
  );
}
