import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  connectionFromAdapter,
  type FilterVerdict,
  filteredCursorList,
  filteredList,
  pagesAsOffsets,
} from '../../src/pagination/index.js';
import { cursorFake, offsetFake, pageFake } from './fakes.js';
import { type Item, itemsOf, walkForward } from './walk.js';

const FIELD = 'Query.npsResponses';

describe('pagesAsOffsets', () => {
  it('serves any offset window of a page-numbered list in at most 2 vendor calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 0, max: 320 }),
        fc.integer({ min: 1, max: 150 }),
        async (length, max, offset, limitSeed) => {
          const items = itemsOf(length);
          const fake = pageFake(items, max);
          const limit = Math.min(limitSeed, max);
          const answer = await pagesAsOffsets(fake).fetch(offset, limit);
          expect(answer.items).toEqual(items.slice(offset, offset + limit));
          expect(fake.calls).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('filteredList', () => {
  it('pages exactly the items a client-side filter keeps, stopping at its end bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<FilterVerdict>('keep', 'skip'), { maxLength: 400 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        fc.integer({ min: 1, max: 250 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (verdicts, endAt, max, firsts, picks, dense) => {
          const items = itemsOf(verdicts.length);
          const verdict = (item: Item): FilterVerdict =>
            endAt !== undefined && item.id >= endAt ? 'end' : (verdicts[item.id] as FilterVerdict);
          const expected = items.filter(
            (item) => (endAt === undefined || item.id < endAt) && verdicts[item.id] === 'keep',
          );
          const fake = offsetFake(items, max);
          // `dense` only changes read sizes: a caller that says so wrongly still gets exact pages.
          const adapter = filteredList(fake, verdict, { dense });
          const bounded = firsts.map((first) => Math.min(first, max));
          const seen = await walkForward(
            async (args) => {
              const before = fake.calls;
              const page = await connectionFromAdapter(adapter, args, { field: FIELD });
              return { page, calls: fake.calls - before };
            },
            expected,
            bounded,
            picks,
            // Sparse matches cost several scans (bounded by the list, not the page): the dense
            // case below pins the common cost.
            Number.POSITIVE_INFINITY,
          );
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('costs one vendor call per page when the filter keeps nearly everything', async () => {
    const items = itemsOf(1000);
    const fake = offsetFake(items, 10_000);
    const adapter = filteredList(fake, (item) => (item.id % 50 === 7 ? 'skip' : 'keep'));
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const before = fake.calls;
      const connection: Awaited<ReturnType<typeof connectionFromAdapter<Item>>> =
        await connectionFromAdapter(adapter, { first: 20, after }, { field: FIELD });
      expect(fake.calls - before).toBe(1);
      after = connection.pageInfo.endCursor;
    }
    // A page of 20 reads 27 raw items (the look-ahead window of 21 and a quarter more), not the
    // vendor's maximum.
    expect(fake.sent).toBeLessThanOrEqual(10 * 27);
  });

  it('reads just the look-ahead window per page when told the filter is a dense range', async () => {
    const items = itemsOf(5000);
    const fake = offsetFake(items, 10_000);
    // A range over a sorted list: a few items past its end are skipped, then all are kept.
    const adapter = filteredList(fake, (item) => (item.id < 3 ? 'skip' : 'keep'), {
      dense: true,
    });
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const connection: Awaited<ReturnType<typeof connectionFromAdapter<Item>>> =
        await connectionFromAdapter(
          adapter,
          { first: 1000, after },
          { field: FIELD, maxFirst: 1000 },
        );
      expect(connection.edges[0]?.node.id).toBe(3 + page * 1000);
      after = connection.pageInfo.endCursor;
    }
    // The first page needs a second read past the 3 skipped items; each later one reads 1,001.
    expect(fake.calls).toBe(5);
    expect(fake.sent).toBeLessThanOrEqual(4 * 1001 + 20 * 8);
  });
});

describe('filteredCursorList', () => {
  it('pages exactly the items a client-side filter keeps over a cursor-walked list', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<FilterVerdict>('keep', 'skip'), { maxLength: 400 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        fc.integer({ min: 1, max: 250 }),
        fc.record({ fullLastPage: fc.boolean(), shortPages: fc.boolean() }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        async (verdicts, endAt, max, options, firsts, picks) => {
          const items = itemsOf(verdicts.length);
          const verdict = (item: Item): FilterVerdict =>
            endAt !== undefined && item.id >= endAt ? 'end' : (verdicts[item.id] as FilterVerdict);
          const expected = items.filter(
            (item) => (endAt === undefined || item.id < endAt) && verdicts[item.id] === 'keep',
          );
          const fake = cursorFake(items, max, options);
          const adapter = filteredCursorList(fake, verdict);
          const bounded = firsts.map((first) => Math.min(first, max));
          const seen = await walkForward(
            async (args) => {
              const before = fake.calls;
              const page = await connectionFromAdapter(adapter, args, { field: FIELD });
              return { page, calls: fake.calls - before };
            },
            expected,
            bounded,
            picks,
            Number.POSITIVE_INFINITY,
          );
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('costs at most 2 vendor calls per page and bounded re-reading when the filter keeps nearly everything', async () => {
    const items = itemsOf(1000);
    const fake = cursorFake(items, 5000);
    const adapter = filteredCursorList(fake, (item) => (item.id % 50 === 7 ? 'skip' : 'keep'));
    let after: string | null = null;
    const seen: Item[] = [];
    for (let page = 0; page < 10; page++) {
      const before = fake.calls;
      const connection: Awaited<ReturnType<typeof connectionFromAdapter<Item>>> =
        await connectionFromAdapter(adapter, { first: 20, after }, { field: FIELD });
      expect(fake.calls - before).toBeLessThanOrEqual(2);
      seen.push(...connection.edges.map((edge) => edge.node));
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(items.filter((item) => item.id % 50 !== 7).slice(0, 200));
    // A resumed page re-reads its vendor page's served part, never more than a few pages' worth.
    expect(fake.calls).toBeLessThanOrEqual(13);
    expect(fake.sent).toBeLessThanOrEqual(4 * 200);
  });

  it('refuses a forged inner cursor before any vendor call', async () => {
    const fake = cursorFake(itemsOf(10), 100);
    const adapter = filteredCursorList(fake, () => 'keep');
    await expect(adapter.fetch('not json', 5)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(adapter.fetch(JSON.stringify([null, 10_000]), 5)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(fake.calls).toBe(0);
  });
});
