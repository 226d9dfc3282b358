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

  it('keeps at most its bound of values per owner set, dropping the least recently used', () => {
    const cache = new DerivedCache(2);
    const owner = {};
    let runs = 0;
    const value = (name: string) => cache.get([owner], name, () => `${name}:${++runs}`);
    expect(value('a')).toBe('a:1');
    expect(value('b')).toBe('b:2');
    expect(value('a')).toBe('a:1'); // a is now the most recent
    expect(value('c')).toBe('c:3'); // b goes
    expect(value('a')).toBe('a:1');
    expect(value('b')).toBe('b:4');
  });
});
