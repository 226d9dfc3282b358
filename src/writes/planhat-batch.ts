// A bulk upsert of any size as vendor-sized chunks, and the chunks' answers put back together in
// the caller's own positions. Pure: sending a chunk is the caller's callback.
import type { NpsBulkErrorKind, NpsBulkResult } from '../domain/nps-writes.js';

/** A run of the caller's items, both ends inclusive (the caller's indexes). */
export interface ChunkSpan {
  fromIndex: number;
  toIndex: number;
}

export type BatchErrorKind = NpsBulkErrorKind | 'chunk';

export interface BatchError {
  /** The caller's index; null when the vendor's entry could not be traced to an item. */
  index: number | null;
  message: string;
  kind: BatchErrorKind;
}

export interface FailedChunk extends ChunkSpan {
  error: unknown;
  /** False for a chunk never sent because an earlier one failed in a way every chunk would. */
  sent: boolean;
}

export interface BatchResult {
  chunks: number;
  created: number;
  updated: number;
  nonUpdates: number;
  insertedIds: string[];
  updatedIds: string[];
  upsertedIds: string[];
  /** In the caller's order; untraceable entries last. */
  errors: BatchError[];
  failedChunks: FailedChunk[];
}

export type ChunkOutcome =
  { ok: true; result: NpsBulkResult } | { ok: false; error: unknown; sent: boolean };

/** Consecutive spans of at most `maxSize` items; every chunk full but the last. */
export function planChunks(count: number, maxSize: number): ChunkSpan[] {
  if (!(Number.isInteger(maxSize) && maxSize > 0)) throw new RangeError('maxSize must be > 0');
  const spans: ChunkSpan[] = [];
  for (let from = 0; from < count; from += maxSize) {
    spans.push({ fromIndex: from, toIndex: Math.min(count, from + maxSize) - 1 });
  }
  return spans;
}

/**
 * The chunk's per-item errors in the caller's indexes. An index outside the chunk is a vendor
 * answer we cannot trust, so it becomes untraceable rather than blaming another item.
 */
export function toCallerErrors(span: ChunkSpan, errors: NpsBulkResult['errors']): BatchError[] {
  const size = span.toIndex - span.fromIndex + 1;
  return errors.map(({ index, message, kind }) => ({
    index: index !== null && index >= 0 && index < size ? span.fromIndex + index : null,
    message,
    kind,
  }));
}

/** Sums the chunks that succeeded; a failed chunk reports every item it covered. */
export function mergeChunks(
  spans: readonly ChunkSpan[],
  outcomes: readonly ChunkOutcome[],
  describe: (error: unknown) => string,
): BatchResult {
  const merged: BatchResult = {
    chunks: spans.length,
    created: 0,
    updated: 0,
    nonUpdates: 0,
    insertedIds: [],
    updatedIds: [],
    upsertedIds: [],
    errors: [],
    failedChunks: [],
  };
  const traced: BatchError[] = [];
  const untraced: BatchError[] = [];
  spans.forEach((span, i) => {
    const outcome = outcomes[i];
    if (!outcome) throw new Error(`no outcome for chunk ${i}`);
    if (!outcome.ok) {
      merged.failedChunks.push({ ...span, error: outcome.error, sent: outcome.sent });
      const message = describe(outcome.error);
      for (let index = span.fromIndex; index <= span.toIndex; index++) {
        traced.push({ index, message, kind: 'chunk' });
      }
      return;
    }
    const { result } = outcome;
    merged.created += result.created;
    merged.updated += result.updated;
    merged.nonUpdates += result.nonUpdates;
    pushAll(merged.insertedIds, result.insertedIds);
    pushAll(merged.updatedIds, result.updatedIds);
    pushAll(merged.upsertedIds, result.upsertedIds);
    for (const error of toCallerErrors(span, result.errors)) {
      (error.index === null ? untraced : traced).push(error);
    }
  });
  // Stable: one item's several entries keep the vendor's order.
  traced.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  merged.errors = [...traced, ...untraced];
  return merged;
}

export interface ChunkedUpsertOptions<T> {
  /** The vendor's per-request item limit. */
  maxChunkSize: number;
  /** Chunks in flight at once. */
  concurrency: number;
  send: (chunk: readonly T[], span: ChunkSpan) => Promise<NpsBulkResult>;
  /** A failure every later chunk would meet too (auth, a disabled vendor): stop sending. */
  isFatal?: (error: unknown) => boolean;
  describe: (error: unknown) => string;
}

/**
 * Sends every chunk once, never again: an upsert that failed may still have been applied, and
 * items without a key would be created twice.
 */
export async function upsertInChunks<T>(
  items: readonly T[],
  options: ChunkedUpsertOptions<T>,
): Promise<BatchResult> {
  const spans = planChunks(items.length, options.maxChunkSize);
  const outcomes: ChunkOutcome[] = new Array<ChunkOutcome>(spans.length);
  let next = 0;
  let fatal: { error: unknown } | undefined;
  const worker = async () => {
    for (let i = next++; i < spans.length; i = next++) {
      const span = spans[i]!;
      if (fatal) {
        outcomes[i] = { ok: false, error: fatal.error, sent: false };
        continue;
      }
      try {
        const chunk = items.slice(span.fromIndex, span.toIndex + 1);
        outcomes[i] = { ok: true, result: await options.send(chunk, span) };
      } catch (error) {
        outcomes[i] = { ok: false, error, sent: true };
        if (options.isFatal?.(error)) fatal ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, spans.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return mergeChunks(spans, outcomes, options.describe);
}

/** `push(...many)` overflows the stack for very long arrays. */
function pushAll<T>(target: T[], values: readonly T[]): void {
  for (const value of values) target.push(value);
}
