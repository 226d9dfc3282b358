import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  iterateAdapter,
  iterateMerged,
  iteratePages,
  type ListAdapter,
  type OffsetAdapter,
  type PageAdapter,
} from '../../src/pagination/index.js';
import { type Counter, cursorFake, offsetFake, pageFake } from './fakes.js';
import { itemsOf } from './walk.js';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

const makers: Record<
  string,
  (items: { id: number }[], max: number) => ListAdapter<{ id: number }> & Counter
> = {
  page: (items, max) => pageFake(items, max),
  'page+total': (items, max) => pageFake(items, max, { reportsTotal: true }),
  offset: (items, max) => offsetFake(items, max),
  'offset+hasNextPage': (items, max) => offsetFake(items, max, { hasNextPage: true }),
  cursor: (items, max) => cursorFake(items, max),
  'cursor+fullLastPage': (items, max) => cursorFake(items, max, { fullLastPage: true }),
};

describe('iterateAdapter', () => {
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: yields the whole list in order, one vendor page per call`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: 300 }),
          fc.integer({ min: 1, max: 50 }),
          fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
          async (length, max, pageSize) => {
            const items = itemsOf(length);
            const adapter = make(items, max);
            expect(await collect(iterateAdapter(adapter, { pageSize }))).toEqual(items);
            const size = Math.min(pageSize ?? max, max);
            // At most one call beyond the pages the list fills (to learn that it ended).
            expect(adapter.calls).toBeLessThanOrEqual(Math.floor(length / size) + 1);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

/** A vendor list that makes its items on demand, so a big list costs no test memory. */
function virtualPages(length: number, maxPageSize: number, source: string) {
  const fake: PageAdapter<{ source: string; at: number }> & { calls: number; largest: number } = {
    kind: 'page',
    maxPageSize,
    calls: 0,
    largest: 0,
    async fetchPage(page, size) {
      fake.calls += 1;
      const start = (page - 1) * size;
      const count = Math.max(0, Math.min(size, length - start));
      fake.largest = Math.max(fake.largest, count);
      return {
        items: Array.from({ length: count }, (_, k) => ({ source, at: length - start - k })),
      };
    },
  };
  return fake;
}

function virtualOffsets(length: number, maxLimit: number, source: string) {
  const fake: OffsetAdapter<{ source: string; at: number }> & { calls: number } = {
    kind: 'offset',
    maxLimit,
    calls: 0,
    async fetch(offset, limit) {
      fake.calls += 1;
      const count = Math.max(0, Math.min(limit, length - offset));
      const items = Array.from({ length: count }, (_, k) => ({
        source,
        at: 2 * (length - offset - k),
      }));
      return { items, total: length };
    },
  };
  return fake;
}

describe('iterateMerged', () => {
  it('merges export-sized lists page by page, lazily, in the merged order', async () => {
    const userlane = virtualPages(100_000, 5000, 'userlane');
    const planhat = virtualOffsets(60_000, 10_000, 'planhat');
    const merged = iterateMerged(
      [
        { name: 'userlane', adapter: userlane },
        { name: 'planhat', adapter: planhat },
      ],
      { sortKey: (item) => item.at },
    );
    let count = 0;
    let previous = Number.POSITIVE_INFINITY;
    for await (const item of merged) {
      expect(item.at).toBeLessThanOrEqual(previous);
      previous = item.at;
      count += 1;
      if (count === 10) expect([userlane.calls, planhat.calls]).toEqual([1, 1]);
    }
    expect(count).toBe(160_000);
    expect(userlane.largest).toBeLessThanOrEqual(5000);
    expect(userlane.calls).toBe(21);
    expect(planhat.calls).toBe(6);
  });

  it('stops reading every stream when the consumer stops', async () => {
    const a = virtualPages(100_000, 100, 'a');
    const b = virtualPages(100_000, 100, 'b');
    for await (const item of iterateMerged(
      [
        { name: 'a', adapter: a },
        { name: 'b', adapter: b },
      ],
      { sortKey: (x) => x.at },
    )) {
      if (item.at < 99_990) break;
    }
    expect(a.calls + b.calls).toBe(2);
  });

  it('iteratePages never holds more than one vendor page', async () => {
    const adapter = virtualPages(12_345, 1000, 'x');
    const sizes: number[] = [];
    for await (const page of iteratePages(adapter, { pageSize: 500 })) sizes.push(page.length);
    expect(Math.max(...sizes)).toBe(500);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(12_345);
  });
});
