import { describe, expect, it } from 'vitest';
import { MAX_FIRST, maxFirstFor } from '../../src/pagination/index.js';
import type { OffsetAdapter } from '../../src/pagination/types.js';

const offsets = (maxLimit: number): OffsetAdapter<number> => ({
  kind: 'offset',
  maxLimit,
  fetch: async () => ({ items: [], total: 0 }),
});

describe('maxFirstFor', () => {
  it('caps an undeclared field at MAX_FIRST and at every vendor maximum', () => {
    expect(maxFirstFor([offsets(10_000)])).toBe(MAX_FIRST);
    expect(maxFirstFor([offsets(10_000), offsets(42)])).toBe(42);
  });

  it('lets a field declare more than MAX_FIRST where every stream pages that far', () => {
    expect(maxFirstFor([offsets(10_000)], 1000)).toBe(1000);
    expect(maxFirstFor([offsets(10_000), offsets(200)], 1000)).toBe(200);
    expect(maxFirstFor([], 1000)).toBe(1000);
  });
});
