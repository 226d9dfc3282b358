import { planPages } from './page-plan.js';
import type { Position, ReadItem } from './position.js';
import type { CursorAdapter, ListAdapter, OffsetAdapter, PageAdapter } from './types.js';

export interface ReadResult<T> {
  /** Consecutive items from the requested position, at most as many as asked for. */
  items: ReadItem<T>[];
  /** The list's length, when this read saw where it ends. */
  end: number | null;
  /** The list's length as the vendor reported it. */
  total: number | null;
}

// How far a resumed cursor read may grow (as a multiple of the items it returns) by re-reading
// the already served start of a vendor page before it is worth a call to start a fresh one.
const REREAD = 4;

/**
 * Reads `count` items from `from` in at most 2 vendor calls when `count <= vendor max + 1` and
 * the vendor keeps its contract (short page or null cursor only at the end); a vendor that
 * sends short pages in the middle costs more calls but loses no item.
 */
export function readWindow<T>(
  adapter: ListAdapter<T>,
  from: Position,
  count: number,
  signal?: AbortSignal,
): Promise<ReadResult<T>> {
  if (count <= 0) return Promise.resolve({ items: [], end: null, total: null });
  switch (adapter.kind) {
    case 'page':
      return readPages(adapter, from.index, count, signal);
    case 'offset':
      return readOffsets(adapter, from.index, count, signal);
    case 'cursor':
      return readCursors(adapter, from, count, signal);
  }
}

async function readPages<T>(
  adapter: PageAdapter<T>,
  start: number,
  count: number,
  signal?: AbortSignal,
): Promise<ReadResult<T>> {
  const plan = planPages(start, count, adapter.maxPageSize);
  const numbers = Array.from({ length: plan.pages }, (_, k) => plan.page + k);
  // Both pages are needed unless the first is the list's last, so asking at once halves latency.
  const answers = await Promise.all(numbers.map((p) => adapter.fetchPage(p, plan.size, signal)));
  const items: ReadItem<T>[] = [];
  let end: number | null = null;
  let total: number | null = null;
  for (const [k, answer] of answers.entries()) {
    const pageStart = (plan.page - 1 + k) * plan.size;
    const got = answer.items.slice(0, plan.size);
    total = reportedTotal(answer.total) ?? total;
    got.forEach((node, j) => {
      const index = pageStart + j;
      if (index >= start && index < start + count)
        items.push({ node, index, next: { index: index + 1 } });
    });
    if (got.length < plan.size) {
      end = pageStart + got.length;
      break;
    }
  }
  return { items, end, total };
}

async function readOffsets<T>(
  adapter: OffsetAdapter<T>,
  start: number,
  count: number,
  signal?: AbortSignal,
): Promise<ReadResult<T>> {
  const items: ReadItem<T>[] = [];
  let end: number | null = null;
  let total: number | null = null;
  let offset = start;
  while (offset < start + count) {
    const limit = Math.min(adapter.maxLimit, start + count - offset);
    const answer = await adapter.fetch(offset, limit, signal);
    const got = answer.items.slice(0, limit);
    total = reportedTotal(answer.total) ?? total;
    for (const node of got) {
      items.push({ node, index: offset, next: { index: offset + 1 } });
      offset += 1;
    }
    const short = got.length < limit && answer.hasNextPage !== true;
    if (
      short ||
      got.length === 0 ||
      answer.hasNextPage === false ||
      (total !== null && offset >= total)
    ) {
      end = offset;
      break;
    }
  }
  return { items, end, total };
}

async function readCursors<T>(
  adapter: CursorAdapter<T>,
  from: Position,
  count: number,
  signal?: AbortSignal,
): Promise<ReadResult<T>> {
  const items: ReadItem<T>[] = [];
  let vendorCursor = from.vendorCursor ?? null;
  let skip = from.skip ?? 0;
  let pageStart = from.index - skip;
  let calls = 0;
  const reread = Math.min(adapter.maxLimit, REREAD * count);
  while (items.length < count) {
    const need = skip + count - items.length;
    // Past the re-read allowance, the page is cut right after the last item served (the window's
    // last item is the look-ahead), so the next cursor starts on a fresh vendor page.
    const cut = calls === 0 && need > reread && need > 1;
    const limit = Math.min(adapter.maxLimit, cut ? need - 1 : need);
    const answer = await adapter.fetch(vendorCursor, limit, signal);
    calls += 1;
    const got = answer.items.slice(0, limit);
    const next = answer.nextCursor;
    for (let j = skip; j < got.length && items.length < count; j++) {
      const index = pageStart + j;
      const itemCursor = answer.cursors?.[j];
      const resume: Position =
        itemCursor !== undefined
          ? { index: index + 1, vendorCursor: itemCursor, skip: 0 }
          : j === got.length - 1 && next !== null
            ? { index: index + 1, vendorCursor: next, skip: 0 }
            : { index: index + 1, vendorCursor, skip: j + 1 };
      items.push({ node: got[j] as T, index, next: resume });
    }
    // An empty page with a cursor would loop for ever; treating it as the end is the safe reading.
    if (next === null || got.length === 0) {
      return { items, end: pageStart + got.length, total: null };
    }
    pageStart += got.length;
    skip = Math.max(0, skip - got.length);
    vendorCursor = next;
  }
  return { items, end: null, total: null };
}

function reportedTotal(total: number | null | undefined): number | null {
  return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : null;
}
