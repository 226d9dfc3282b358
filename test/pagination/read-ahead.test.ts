import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  connectionFromAdapter,
  filteredList,
  type OffsetAdapter,
  ReadAheadStore,
} from '../../src/pagination/index.js';
import { offsetFake } from './fakes.js';
import { type Item, itemsOf } from './walk.js';

const FIELD = 'Query.npsResponses';
const store = (minLimit = 50) =>
  new ReadAheadStore({
    minLimit,
    ttlMs: 60_000,
    maxWindows: 4,
    signal: () => new AbortController().signal,
  });

/** A walk of the whole list, `first` items a page, each page a request of its own. */
async function walk(adapter: OffsetAdapter<Item>, firsts: number[]) {
  const list = filteredList(adapter, () => 'keep', { dense: true });
  const seen: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100_000; page++) {
    const first = firsts[page % firsts.length] as number;
    const connection: Awaited<ReturnType<typeof connectionFromAdapter<Item>>> =
      await connectionFromAdapter(list, { first, after }, { field: FIELD, maxFirst: 500 });
    seen.push(...connection.edges.map((e) => e.node.id));
    if (!connection.pageInfo.hasNextPage) return seen;
    after = connection.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

describe('ReadAheadStore', () => {
  it('serves a walk exactly the items direct reads give, and one read more at most', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1500 }),
        fc.oneof(
          fc.integer({ min: 1, max: 400 }).map((first) => [first]),
          fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 }),
        ),
        fc.boolean(),
        async (length, firsts, hasNextPage) => {
          const items = itemsOf(length);
          const direct = offsetFake(items, 1000, { hasNextPage });
          const expected = await walk(direct, firsts);
          expect(expected).toEqual(items.map((item) => item.id));
          const vendor = offsetFake(items, 1000, { hasNextPage });
          const seen = await walk(store().adapter('list', vendor), firsts);
          expect(seen).toEqual(expected);
          // With one page size, as an export pages, every read ahead is one a later page used,
          // but the one past the end; a page larger than the one before reads for itself.
          if (new Set(firsts).size === 1) {
            expect(vendor.calls).toBeLessThanOrEqual(direct.calls + 1);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('reads the next window while the current page is served, so the next page waits for none', async () => {
    const items = itemsOf(1000);
    const vendor = offsetFake(items, 1000);
    const ahead = store().adapter('list', vendor);
    await ahead.fetch(0, 101);
    // The window after this one was asked for at once, before any request wanted it.
    expect(vendor.calls).toBe(2);
    await ahead.fetch(100, 101);
    expect(vendor.calls).toBe(3);
  });

  it('never reads ahead for small reads, and forgets everything on clear()', async () => {
    const items = itemsOf(1000);
    const vendor = offsetFake(items, 1000);
    const reads = store(200);
    const ahead = reads.adapter('list', vendor);
    await ahead.fetch(0, 100);
    expect(vendor.calls).toBe(1);
    await ahead.fetch(0, 200);
    expect(vendor.calls).toBe(3);
    reads.clear();
    await ahead.fetch(199, 200);
    expect(vendor.calls).toBe(5);
  });

  it('falls back to its own read when a read ahead failed', async () => {
    const items = itemsOf(1000);
    const vendor = offsetFake(items, 1000);
    let failNext = false;
    const flaky: OffsetAdapter<Item> = {
      ...vendor,
      fetch: async (offset, limit) => {
        if (failNext) {
          failNext = false;
          throw new Error('vendor down');
        }
        return vendor.fetch(offset, limit);
      },
    };
    const ahead = store().adapter('list', flaky);
    failNext = false;
    const first = await ahead.fetch(0, 100);
    expect(first.items).toHaveLength(100);
    failNext = true; // the read ahead of [100, 200) fails
    const second = await ahead.fetch(99, 100);
    expect(second.items.map((item) => item.id)).toEqual(items.slice(99, 199).map((i) => i.id));
  });
});

describe('ReadAheadStore and small reads', () => {
  it('serves a read smaller than minLimit from the vendor every time, even inside a window', async () => {
    const items = itemsOf(1000);
    const vendor = offsetFake(items, 1000);
    const ahead = store(200).adapter('list', vendor);
    await ahead.fetch(0, 20);
    await ahead.fetch(0, 20);
    expect(vendor.calls).toBe(2);
    await ahead.fetch(0, 300); // an export's read, and its read ahead
    expect(vendor.calls).toBe(4);
    await ahead.fetch(10, 20);
    expect(vendor.calls).toBe(5);
  });
});
