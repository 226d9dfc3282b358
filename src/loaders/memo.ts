// Per-request memoisation: one promise per distinct key for the life of a request's loaders.

/** The promise stored under `key`, made by `load` on the first ask. */
export function memoIn<V>(
  cache: Map<string, Promise<V>>,
  key: string,
  load: () => Promise<V>,
): Promise<V> {
  let value = cache.get(key);
  if (value === undefined) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

/** A loader memoised by key, with `clear()` (after a write) and `peek()` (no load). */
export type Memo<K, V> = ((arg: K) => Promise<V>) & {
  clear(): void;
  peek(arg: K): Promise<V> | undefined;
};

/** `load` memoised by `key(arg)`, with `clear()` (after a write) and `peek()` (no load). */
export function memoBy<K, V>(key: (arg: K) => string, load: (arg: K) => Promise<V>): Memo<K, V> {
  const cache = new Map<string, Promise<V>>();
  return Object.assign((arg: K) => memoIn(cache, key(arg), () => load(arg)), {
    clear: () => cache.clear(),
    peek: (arg: K) => cache.get(key(arg)),
  });
}

/** A call's parameters as one string, whatever order their keys were written in. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}
