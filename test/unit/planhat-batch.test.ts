import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NpsBulkErrorKind, NpsBulkResult } from '../../src/domain/nps-writes.js';
import { PLANHAT_MAX_BULK_ITEMS } from '../../src/vendors/planhat/limits.js';
import {
  type ChunkSpan,
  planChunks,
  toCallerErrors,
  upsertInChunks,
} from '../../src/writes/planhat-batch.js';

// Items are their own caller index, so a fake vendor can answer with errors at chunk positions
// and the test knows which caller indexes those must become.

const KINDS: NpsBulkErrorKind[] = ['created', 'updated', 'permission'];

function fakeVendor(failing: ReadonlySet<number>, errorAt: ReadonlySet<number>) {
  const calls: ChunkSpan[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (chunk: readonly number[], span: ChunkSpan): Promise<NpsBulkResult> => {
    const call = calls.push(span) - 1;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    if (failing.has(call)) throw new Error(`chunk at ${span.fromIndex} failed`);
    // Vendor order: created errors, then updated, then permission; not by position.
    const errors = KINDS.flatMap((kind, k) =>
      chunk.flatMap((item, position) =>
        errorAt.has(item) && item % 3 === k
          ? [{ index: position, message: `bad ${item}`, kind }]
          : [],
      ),
    );
    const good = chunk.filter((item) => !errorAt.has(item));
    return {
      created: good.filter((item) => item % 2 === 0).length,
      updated: good.filter((item) => item % 2 === 1).length,
      nonUpdates: 0,
      insertedIds: good.filter((item) => item % 2 === 0).map(String),
      updatedIds: good.filter((item) => item % 2 === 1).map(String),
      upsertedIds: good.filter((item) => item % 2 === 0).map(String),
      errors,
    };
  };
  return { send, calls, maxInFlight: () => maxInFlight };
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : 'failed');

describe('planChunks', () => {
  it('covers every index once, in order, with chunks of at most the limit', () => {
    fc.assert(
      fc.property(fc.nat(60_000), fc.integer({ min: 1, max: 7_000 }), (count, max) => {
        const spans = planChunks(count, max);
        let next = 0;
        const gaps = spans.filter((span) => {
          const size = span.toIndex - span.fromIndex + 1;
          const wrong = span.fromIndex !== next || size < 1 || size > max;
          next = span.toIndex + 1;
          return wrong;
        });
        expect(gaps).toEqual([]);
        expect(next).toBe(count);
        expect(spans).toHaveLength(Math.ceil(count / max));
      }),
    );
  });

  it('splits 12,345 records at the vendor limit as 5,000 + 5,000 + 2,345', () => {
    expect(
      planChunks(12_345, PLANHAT_MAX_BULK_ITEMS).map((s) => s.toIndex - s.fromIndex + 1),
    ).toEqual([5_000, 5_000, 2_345]);
  });
});

describe('upsertInChunks', () => {
  it('maps per-chunk error positions back to exactly the caller indexes, and sums totals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(400).chain((count) =>
          fc.record({
            count: fc.constant(count),
            max: fc.integer({ min: 1, max: 60 }),
            concurrency: fc.integer({ min: 1, max: 4 }),
            errorAt: fc.uniqueArray(fc.nat(Math.max(0, count - 1)), { maxLength: count }),
          }),
        ),
        async ({ count, max, concurrency, errorAt }) => {
          const items = Array.from({ length: count }, (_, i) => i);
          const errors = new Set(errorAt.filter((i) => i < count));
          const vendor = fakeVendor(new Set(), errors);
          const result = await upsertInChunks(items, {
            maxChunkSize: max,
            concurrency,
            send: vendor.send,
            describe: describeError,
          });
          expect(result.errors.map((e) => e.index)).toEqual([...errors].sort((a, b) => a - b));
          for (const error of result.errors) expect(error.message).toBe(`bad ${error.index}`);
          expect(result.chunks).toBe(Math.ceil(count / max));
          expect(vendor.calls).toHaveLength(result.chunks);
          for (const span of vendor.calls) {
            expect(span.toIndex - span.fromIndex + 1).toBeLessThanOrEqual(max);
          }
          const good = items.filter((i) => !errors.has(i));
          expect(result.created).toBe(good.filter((i) => i % 2 === 0).length);
          expect(result.updated).toBe(good.filter((i) => i % 2 === 1).length);
          expect(new Set(result.insertedIds)).toEqual(
            new Set(good.filter((i) => i % 2 === 0).map(String)),
          );
          expect(result.failedChunks).toEqual([]);
          expect(vendor.maxInFlight()).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports a failed chunk by its range and every item in it, sending each chunk once', async () => {
    let runsWithFailures = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 50 }),
        fc.uniqueArray(fc.nat(10)),
        async (count, max, failingCalls) => {
          const items = Array.from({ length: count }, (_, i) => i);
          const vendor = fakeVendor(new Set(failingCalls), new Set());
          const result = await upsertInChunks(items, {
            maxChunkSize: max,
            concurrency: 2,
            send: vendor.send,
            describe: describeError,
          });
          expect(vendor.calls).toHaveLength(result.chunks);
          const failedSpans = vendor.calls.filter((_, call) => failingCalls.includes(call));
          expect(
            result.failedChunks.map(({ fromIndex, toIndex }) => ({ fromIndex, toIndex })),
          ).toEqual([...failedSpans].sort((a, b) => a.fromIndex - b.fromIndex));
          const failedIndexes = failedSpans.flatMap((s) => items.slice(s.fromIndex, s.toIndex + 1));
          expect(result.errors.map((e) => e.index)).toEqual(failedIndexes.sort((a, b) => a - b));
          expect(result.errors.filter((e) => e.kind !== 'chunk')).toEqual([]);
          expect(result.created + result.updated).toBe(count - failedIndexes.length);
          if (result.errors.length > 0) runsWithFailures++;
        },
      ),
      { numRuns: 100 },
    );
    // The property held for runs that did fail chunks, not only for runs without failures.
    expect(runsWithFailures).toBeGreaterThan(0);
  });

  it('stops sending after a failure every chunk would meet, reporting the rest as not sent', async () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const auth = new Error('auth');
    let calls = 0;
    const result = await upsertInChunks(items, {
      maxChunkSize: 2,
      concurrency: 1,
      send: async () => {
        calls++;
        throw auth;
      },
      isFatal: (error) => error === auth,
      describe: describeError,
    });
    expect(calls).toBe(1);
    expect(result.failedChunks.map((c) => c.sent)).toEqual([true, false, false, false, false]);
    expect(result.errors).toHaveLength(10);
  });

  it('makes no call for no records', async () => {
    let calls = 0;
    const result = await upsertInChunks([], {
      maxChunkSize: 5,
      concurrency: 2,
      send: async () => {
        calls++;
        throw new Error('unexpected');
      },
      describe: describeError,
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ chunks: 0, created: 0, updated: 0, errors: [] });
  });
});

describe('toCallerErrors', () => {
  it('never blames another item for a position outside the chunk', () => {
    const span = { fromIndex: 10, toIndex: 14 };
    const errors = [5, -1, 4, 0].map((index) => ({
      index,
      message: 'x',
      kind: 'created' as const,
    }));
    expect(toCallerErrors(span, errors).map((e) => e.index)).toEqual([null, null, 14, 10]);
  });
});
