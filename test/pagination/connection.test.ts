import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConnectionArgs,
  connectionFromAdapter,
  type ListAdapter,
  MAX_FIRST,
  maxFirstFor,
} from '../../src/pagination/index.js';
import { type Counter, cursorFake, offsetFake, pageFake } from './fakes.js';
import { type Fetch, type Item, itemsOf, walkBackward, walkForward } from './walk.js';

const OPTIONS = { field: 'Query.things', filters: { range: { from: '2026-01-01' } } };

type Variant =
  | 'page'
  | 'page+total'
  | 'offset'
  | 'offset+total'
  | 'offset+hasNextPage'
  | 'cursor'
  | 'cursor+fullLastPage';

function fakeOf(variant: Variant, items: Item[], max: number): ListAdapter<Item> & Counter {
  switch (variant) {
    case 'page':
      return pageFake(items, max);
    case 'page+total':
      return pageFake(items, max, { reportsTotal: true });
    case 'offset':
      return offsetFake(items, max);
    case 'offset+total':
      return offsetFake(items, max, { reportsTotal: true, hasNextPage: true });
    case 'offset+hasNextPage':
      return offsetFake(items, max, { hasNextPage: true });
    case 'cursor':
      return cursorFake(items, max);
    case 'cursor+fullLastPage':
      return cursorFake(items, max, { fullLastPage: true });
  }
}

function fetcher(adapter: ListAdapter<Item> & Counter): Fetch<Item> {
  return async (args: ConnectionArgs) => {
    const before = adapter.calls;
    const page = await connectionFromAdapter(adapter, args, OPTIONS);
    return { page, calls: adapter.calls - before };
  };
}

// Vendor maxima from 1 (every edge case of page boundaries) up past MAX_FIRST.
const vendorMax = fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 150 }));
const listLength = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 400 }));
const counts = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: MAX_FIRST })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((values) => [...values, 1 + (values[0] ?? 0)]);
const picks = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 5 });

const clamp = (values: number[], max: number) => values.map((value) => Math.min(value, max));

const ALL: Variant[] = [
  'page',
  'page+total',
  'offset',
  'offset+total',
  'offset+hasNextPage',
  'cursor',
  'cursor+fullLastPage',
];

describe('forward paging', () => {
  for (const variant of ALL) {
    it(`${variant}: pages concatenate to the list, hasNextPage exact, at most 2 calls per page`, async () => {
      await fc.assert(
        fc.asyncProperty(
          listLength,
          vendorMax,
          counts,
          picks,
          async (length, max, firsts, pick) => {
            const items = itemsOf(length);
            const adapter = fakeOf(variant, items, max);
            const bound = maxFirstFor([adapter]);
            const seen = await walkForward(fetcher(adapter), items, clamp(firsts, bound), pick, 2);
            expect(seen).toEqual(items);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('serves a page in one call whenever the vendor list fits the first window', async () => {
    const adapter = pageFake(itemsOf(15), 100);
    const page = await connectionFromAdapter(adapter, { first: 20 }, OPTIONS);
    expect(adapter.calls).toBe(1);
    expect(page.edges).toHaveLength(15);
    expect(page.pageInfo.hasNextPage).toBe(false);
    // The short page showed where the list ends, so the count cost nothing.
    expect(page.totalCount).toBe(15);
  });

  it('reports no total when knowing it would cost calls', async () => {
    const page = await connectionFromAdapter(pageFake(itemsOf(500), 100), { first: 20 }, OPTIONS);
    expect(page.totalCount).toBeNull();
    const counted = await connectionFromAdapter(
      offsetFake(itemsOf(500), 200, { reportsTotal: true }),
      { first: 20 },
      OPTIONS,
    );
    expect(counted.totalCount).toBe(500);
  });

  it('walks steady pages in about one call each without re-reading much', async () => {
    for (const adapter of [cursorFake(itemsOf(2000), 5000), pageFake(itemsOf(2000), 5000)]) {
      const seen = await walkForward(fetcher(adapter), itemsOf(2000), [20], [19], 2);
      expect(seen).toHaveLength(2000);
      expect(adapter.calls / 100).toBeLessThanOrEqual(1.25);
      expect(adapter.sent / 2000).toBeLessThanOrEqual(3.5);
    }
  });

  it('loses no item when a cursor vendor sends short pages mid-list', async () => {
    await fc.assert(
      fc.asyncProperty(listLength, vendorMax, counts, picks, async (length, max, firsts, pick) => {
        const items = itemsOf(length);
        const adapter = cursorFake(items, max, { shortPages: true });
        const bound = maxFirstFor([adapter]);
        const seen = await walkForward(fetcher(adapter), items, clamp(firsts, bound), pick, 1000);
        expect(seen).toEqual(items);
      }),
      { numRuns: 40 },
    );
  });
});

describe('backward paging', () => {
  const BACKWARD: Variant[] = [
    'page',
    'page+total',
    'offset',
    'offset+total',
    'offset+hasNextPage',
  ];
  for (const variant of BACKWARD) {
    it(`${variant}: pages walked backwards from the end concatenate to the list`, async () => {
      await fc.assert(
        fc.asyncProperty(listLength, vendorMax, counts, picks, async (length, max, lasts, pick) => {
          const items = itemsOf(length);
          const adapter = fakeOf(variant, items, max);
          const bound = maxFirstFor([adapter]);
          const fetch = fetcher(adapter);
          let start: string | null = null;
          let tail: Item[] = [];
          if (!('reportsTotal' in adapter && adapter.reportsTotal)) {
            // Without a total the walk starts from a forward page's cursor of the last item.
            if (length === 0) return;
            const { page } = await fetch({
              first: 1,
              after: await cursorBefore(fetch, length, bound),
            });
            start = page.pageInfo.endCursor;
            tail = [items[length - 1] as Item];
          }
          const expected = items.slice(0, length - tail.length);
          // `last` without `before` first learns the total: one more call for page sources.
          const max3 = (before: string | null) =>
            before === null && variant === 'page+total' ? 3 : 2;
          const seen = await walkBackward(fetch, expected, start, clamp(lasts, bound), pick, max3);
          expect([...seen, ...tail]).toEqual(items);
        }),
        { numRuns: 60 },
      );
    });
  }
});

/** The `after` cursor that makes the next page start at the list's last item. */
async function cursorBefore(fetch: Fetch<Item>, length: number, max: number) {
  let after: string | null = null;
  let left = length - 1;
  while (left > 0) {
    const first = Math.min(left, max);
    const { page } = await fetch({ first, after });
    after = page.pageInfo.endCursor;
    left -= first;
  }
  return after;
}
