import { describe, expect, it } from 'vitest';
import { DerivedCache } from '../../src/cache/derived.js';

describe('DerivedCache', () => {
  it('computes a value once per owner set and name, again for a new owner', () => {
    const cache = new DerivedCache();
    const records = [1, 2, 3];
    const directory = {};
    let runs = 0;
    const sum = (list: number[]) => () => {
      runs += 1;
      return list.reduce((a, b) => a + b, 0);
    };
    expect(cache.get([records, directory], 'sum', sum(records))).toBe(6);
    expect(cache.get([records, directory], 'sum', sum(records))).toBe(6);
    expect(runs).toBe(1);
    // Another directory (a refreshed copy) or another name is another value.
    expect(cache.get([records, {}], 'sum', sum(records))).toBe(6);
    expect(cache.get([records, directory], 'other', sum(records))).toBe(6);
    expect(runs).toBe(3);
    const refreshed = [1, 2];
    expect(cache.get([refreshed, directory], 'sum', sum(refreshed))).toBe(3);
  });
});
