import type { OffsetAdapter } from './types.js';

/**
 * An in-memory list (a small vendor catalog, or a slice of a per-request export) as an offset
 * source: the connection over it is exact, with a total. A list given as a loader is loaded on
 * the first read only, so the bridge refuses bad arguments before it costs a vendor call.
 */
export function arrayList<T>(
  source: readonly T[] | (() => Promise<readonly T[]>),
): OffsetAdapter<T> {
  let items: Promise<readonly T[]> | undefined;
  return {
    kind: 'offset',
    maxLimit: Number.MAX_SAFE_INTEGER,
    reportsTotal: true,
    fetch: async (offset, limit) => {
      items ??= typeof source === 'function' ? source() : Promise.resolve(source);
      const all = await items;
      return { items: all.slice(offset, offset + limit), total: all.length };
    },
  };
}
