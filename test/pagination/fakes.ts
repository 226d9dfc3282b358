// In-memory vendor lists that keep each vendor's paging contract, count their calls, and fail
// the test on any request outside the vendor's bounds.
import type { CursorAdapter, OffsetAdapter, PageAdapter } from '../../src/pagination/index.js';

export interface Counter {
  calls: number;
  /** Items the vendor sent, to catch reads much larger than the pages they serve. */
  sent: number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`vendor bound violated: ${message}`);
}

const isInt = (value: number) => Number.isSafeInteger(value);

export function pageFake<T>(
  items: readonly T[],
  maxPageSize: number,
  options: { reportsTotal?: boolean } = {},
): PageAdapter<T> & Counter {
  const fake = {
    kind: 'page' as const,
    maxPageSize,
    reportsTotal: options.reportsTotal ?? false,
    calls: 0,
    sent: 0,
    async fetchPage(page: number, size: number) {
      fake.calls += 1;
      check(isInt(page) && page >= 1, `page ${page}`);
      check(isInt(size) && size >= 1 && size <= maxPageSize, `size ${size} of ${maxPageSize}`);
      const slice = items.slice((page - 1) * size, page * size);
      fake.sent += slice.length;
      return options.reportsTotal ? { items: slice, total: items.length } : { items: slice };
    },
  };
  return fake;
}

export function offsetFake<T>(
  items: readonly T[],
  maxLimit: number,
  options: { reportsTotal?: boolean; hasNextPage?: boolean } = {},
): OffsetAdapter<T> & Counter {
  const fake = {
    kind: 'offset' as const,
    maxLimit,
    reportsTotal: options.reportsTotal ?? false,
    calls: 0,
    sent: 0,
    async fetch(offset: number, limit: number) {
      fake.calls += 1;
      check(isInt(offset) && offset >= 0, `offset ${offset}`);
      check(isInt(limit) && limit >= 1 && limit <= maxLimit, `limit ${limit} of ${maxLimit}`);
      const slice = items.slice(offset, offset + limit);
      fake.sent += slice.length;
      return {
        items: slice,
        ...(options.reportsTotal ? { total: items.length } : {}),
        ...(options.hasNextPage ? { hasNextPage: offset + slice.length < items.length } : {}),
      };
    },
  };
  return fake;
}

/**
 * Vendor cursors are tokens this fake issued, naming a position. With `fullLastPage`, a page
 * that happens to end the list exactly still carries a cursor (whose page is then empty), as
 * some vendors do; with `shortPages`, pages come back shorter than asked in mid-list.
 */
export function cursorFake<T>(
  items: readonly T[],
  maxLimit: number,
  options: { fullLastPage?: boolean; shortPages?: boolean } = {},
): CursorAdapter<T> & Counter {
  const issued = new Map<string, number>();
  const token = (position: number) => {
    const value = `tok-${position}-${issued.size}`;
    issued.set(value, position);
    return value;
  };
  const fake = {
    kind: 'cursor' as const,
    maxLimit,
    calls: 0,
    sent: 0,
    async fetch(vendorCursor: string | null, limit: number) {
      fake.calls += 1;
      check(isInt(limit) && limit >= 1 && limit <= maxLimit, `limit ${limit} of ${maxLimit}`);
      const start = vendorCursor === null ? 0 : issued.get(vendorCursor);
      check(start !== undefined, `unknown vendor cursor ${vendorCursor}`);
      const from = start as number;
      const size = options.shortPages ? Math.max(1, Math.ceil(limit / 2)) : limit;
      const slice = items.slice(from, from + size);
      fake.sent += slice.length;
      const after = from + slice.length;
      const more =
        after < items.length || (options.fullLastPage === true && slice.length === limit);
      return { items: slice, nextCursor: more && slice.length > 0 ? token(after) : null };
    },
  };
  return fake;
}
