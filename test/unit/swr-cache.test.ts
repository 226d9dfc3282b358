import { describe, expect, it } from 'vitest';
import { SwrCache } from '../../src/cache/swr-cache.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function counter() {
  let loads = 0;
  const backgrounds: boolean[] = [];
  const load = (background: boolean) => {
    loads += 1;
    backgrounds.push(background);
    return Promise.resolve(`v${loads}`);
  };
  return { load, loads: () => loads, backgrounds };
}

describe('SwrCache', () => {
  it('serves a fresh entry without loading, and shares one load between concurrent misses', async () => {
    const cache = new SwrCache<string>(1000, 10_000);
    const c = counter();
    const [a, b] = await Promise.all([cache.get('k', c.load, 0), cache.get('k', c.load, 1)]);
    expect([a, b]).toEqual(['v1', 'v1']);
    expect(await cache.get('k', c.load, 999)).toBe('v1');
    expect(c.loads()).toBe(1);
    expect(c.backgrounds).toEqual([false]);
  });

  it('serves a stale entry at once while one background refresh replaces it', async () => {
    const cache = new SwrCache<string>(1000, 10_000);
    const c = counter();
    await cache.get('k', c.load, 0);
    const stale = [cache.get('k', c.load, 2000), cache.get('k', c.load, 2001)];
    expect(await Promise.all(stale)).toEqual(['v1', 'v1']);
    expect(c.backgrounds).toEqual([false, true]);
    await settle();
    expect(await cache.get('k', c.load)).toBe('v2');
    expect(c.loads()).toBe(2);
  });

  it('holds a copy exactly when get() would answer without a new load', async () => {
    const cache = new SwrCache<string>(1000, 10_000);
    const c = counter();
    expect(cache.holds('k', 0)).toBe(false);
    let finish: (v: string) => void = () => undefined;
    const pending = cache.get('k', () => new Promise<string>((r) => (finish = r)), 0);
    // Under way within the TTL: a second get() joins it.
    expect(cache.holds('k', 500)).toBe(true);
    // Still under way past the TTL: get() would load again, so it is not held.
    expect(cache.holds('k', 1500)).toBe(false);
    finish('v0');
    await pending;
    expect(cache.holds('k', 999)).toBe(true);
    // Stale but servable while a refresh runs; then past the maximum age.
    expect(cache.holds('k', 9_999)).toBe(true);
    expect(cache.holds('k', 10_000)).toBe(false);
    expect(await cache.get('k', c.load, 9_999)).toBe('v0');
    // Off (TTL 0): nothing is ever held.
    const off = new SwrCache<string>(0, 10_000);
    await off.get('k', c.load, 0);
    expect(off.holds('k', 0)).toBe(false);
  });

  it('loads in the foreground past the maximum age', async () => {
    const cache = new SwrCache<string>(1000, 10_000);
    const c = counter();
    await cache.get('k', c.load, 0);
    expect(await cache.get('k', c.load, 20_000)).toBe('v2');
    expect(c.backgrounds).toEqual([false, false]);
  });

  it('keeps no failure, and keeps serving stale when a refresh fails', async () => {
    const cache = new SwrCache<string>(1000, 10_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')), 0)).rejects.toThrow();
    expect(await cache.get('k', () => Promise.resolve('ok'), 1)).toBe('ok');
    expect(await cache.get('k', () => Promise.reject(new Error('down')), 2000)).toBe('ok');
    await settle();
    expect(await cache.get('k', () => Promise.resolve('new'), 2001)).toBe('ok');
  });

  it('after clear(), a refresh already under way does not bring back what it read', async () => {
    const cache = new SwrCache<string>(1000, 10_000);
    await cache.get('k', () => Promise.resolve('old'), 0);
    let finish: (v: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => (finish = resolve));
    expect(await cache.get('k', () => slow, 2000)).toBe('old');
    cache.clear();
    finish('read before the write');
    await settle();
    expect(await cache.get('k', () => Promise.resolve('after the write'))).toBe('after the write');
  });

  it('with a TTL of 0 loads every time', async () => {
    const cache = new SwrCache<string>(0, 10_000);
    const c = counter();
    await cache.get('k', c.load);
    await cache.get('k', c.load);
    expect(c.loads()).toBe(2);
  });
});
