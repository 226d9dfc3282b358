import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/cache/ttl-cache.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TtlCache (vendor metadata across requests)', () => {
  it('shares one load between concurrent misses and serves it until the TTL passes', async () => {
    const cache = new TtlCache<number>(40);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    expect(await cache.get('k', load)).toBe(1);
    await sleep(60);
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep a failed load: the next get loads again', async () => {
    const cache = new TtlCache<string>(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('vendor down')))).rejects.toThrow();
    expect(await cache.get('k', async () => 'fresh')).toBe('fresh');
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const cache = new TtlCache<string>(60_000, 2);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // a hit: `a` is now the most recent
    await cache.get('c', async () => 'c1');
    expect(await cache.get('a', async () => 'a3')).toBe('a1');
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
  });

  it('forgets an entry on delete and everything on clear', async () => {
    const cache = new TtlCache<string>(60_000);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    cache.delete('a');
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
    cache.clear();
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
  });
});
