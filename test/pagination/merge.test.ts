import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConnectionArgs,
  type ListAdapter,
  MAX_FIRST,
  type MergeStream,
  maxFirstFor,
  mergedConnection,
} from '../../src/pagination/index.js';
import { type Counter, cursorFake, offsetFake, pageFake } from './fakes.js';
import { type Fetch, walkForward } from './walk.js';

interface Nps {
  source: string;
  seq: number;
  at: number;
}

const NAMES = ['userlane', 'planhat', 'userloop', 'userhero'];
const OPTIONS = {
  field: 'Query.npsResponses',
  filters: { sources: ['USERLANE'] },
  sortKey: (item: Nps) => item.at,
};

type Kind = 'page' | 'offset' | 'cursor';

function adapterOf(kind: Kind, items: Nps[], max: number): ListAdapter<Nps> & Counter {
  if (kind === 'page') return pageFake(items, max);
  if (kind === 'offset') return offsetFake(items, max);
  return cursorFake(items, max, { fullLastPage: max % 2 === 0 });
}

/** Few distinct timestamps, so ties within and across streams are common. */
const streamArb = fc.record({
  kind: fc.constantFrom<Kind>('page', 'offset', 'cursor'),
  max: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 150 })),
  times: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 120 }),
});

/** The expected order: newest first, ties by source name, then each source's own order. */
function reference(streams: { name: string; items: Nps[] }[]): Nps[] {
  return streams
    .flatMap((stream) => stream.items)
    .sort(
      (a, b) => b.at - a.at || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.seq - b.seq),
    );
}

function build(specs: { kind: Kind; max: number; times: number[] }[]) {
  const streams = specs.map((spec, k) => {
    const name = NAMES[k] as string;
    const items = [...spec.times]
      .sort((a, b) => b - a)
      .map((at, seq) => ({ source: name, seq, at }));
    return { name, items, adapter: adapterOf(spec.kind, items, spec.max) };
  });
  return { streams, expected: reference(streams) };
}

function fetcher(
  streams: (MergeStream<Nps> & { adapter: Counter })[],
  options = OPTIONS,
): Fetch<Nps> {
  return async (args: ConnectionArgs) => {
    const before = streams.map((stream) => stream.adapter.calls);
    const page = await mergedConnection(streams, args, options);
    const perStream = streams.map((stream, k) => stream.adapter.calls - (before[k] as number));
    return { page, calls: Math.max(0, ...perStream) };
  };
}

const counts = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: MAX_FIRST })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((values) => [...values, 1 + (values[0] ?? 0)]);
const picks = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 5 });

describe('merged feeds', () => {
  it('concatenate to the reference merge, hasNextPage exact, at most 2 calls per stream and page', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(streamArb, { minLength: 1, maxLength: 4 }),
        counts,
        picks,
        async (specs, firsts, pick) => {
          const { streams, expected } = build(specs);
          const bound = maxFirstFor(streams.map((stream) => stream.adapter));
          const clamped = firsts.map((first) => Math.min(first, bound));
          const seen = await walkForward(fetcher(streams), expected, clamped, pick, 2);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves a stream alone until the merge reaches its next item', async () => {
    const { streams, expected } = build([
      { kind: 'page', max: 100, times: Array.from({ length: 300 }, (_, k) => 1000 + k) },
      { kind: 'offset', max: 100, times: [1, 2, 3] },
      { kind: 'cursor', max: 100, times: [] },
    ]);
    const seen = await walkForward(fetcher(streams), expected, [20], [19], 2);
    expect(seen).toEqual(expected);
    const [dense, sparse, empty] = streams.map((stream) => stream.adapter.calls);
    expect(dense).toBeLessThanOrEqual(17);
    // Read for the first page, then again only when the merge reached it at the end.
    expect(sparse).toBe(2);
    expect(empty).toBe(1);
  });

  it('counts the whole feed when every stream ended within the page', async () => {
    const { streams } = build([
      { kind: 'page', max: 100, times: [5, 4, 4] },
      { kind: 'offset', max: 200, times: [4, 1] },
    ]);
    const page = await mergedConnection(streams, { first: 10 }, OPTIONS);
    expect(page.totalCount).toBe(5);
    expect(page.edges.map((edge) => `${edge.node.source}:${edge.node.at}`)).toEqual([
      'userlane:5',
      'planhat:4',
      'userlane:4',
      'userlane:4',
      'planhat:1',
    ]);
  });
});
