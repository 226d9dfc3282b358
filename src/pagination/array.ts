import type { OffsetAdapter } from './types.js';

/**
 * An in-memory list (a small vendor catalog, or a slice of a per-request export) as an offset
 * source: the connection over it is exact, with a total, and costs no vendor call.
 */
export function arrayList<T>(items: readonly T[]): OffsetAdapter<T> {
  return {
    kind: 'offset',
    maxLimit: Number.MAX_SAFE_INTEGER,
    reportsTotal: true,
    fetch: async (offset, limit) => ({
      items: items.slice(offset, offset + limit),
      total: items.length,
    }),
  };
}
