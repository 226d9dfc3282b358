// The request's memo of vendor calls: every read a request makes through `ctx.vendor(name)` is
// keyed by the client method and its arguments (the abort signal aside), so two fields asking
// the same call (aliases with the same arguments, a dashboard's panels) share one vendor call.
import type { VendorName } from '../transport/types.js';
import { VENDOR_READS } from '../vendors/reads.js';
import { stableKey } from './memo.js';

const READS: Record<VendorName, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(VENDOR_READS).map(([vendor, methods]) => [vendor, new Set<string>(methods)]),
) as unknown as Record<VendorName, ReadonlySet<string>>;

/** Arguments as a key: signals are the caller's, not the call's, so they are left out. */
function callKey(method: string, args: unknown[]): string {
  const values = args.map((arg) => withoutSignal(arg));
  // `f(x)` and `f(x, { signal })` are the same call.
  while (values.length > 0 && isEmpty(values[values.length - 1])) values.pop();
  return `${method}(${stableKey(values)})`;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined) return true;
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => v === undefined)
  );
}

function withoutSignal(arg: unknown): unknown {
  if (arg instanceof AbortSignal) return undefined;
  if (arg !== null && typeof arg === 'object' && 'signal' in arg) {
    const { signal: _signal, ...rest } = arg as Record<string, unknown>;
    return rest;
  }
  return arg;
}

/**
 * `client` with its reads memoised for the life of one request. A write (any other method)
 * forgets the vendor's reads first and after, so a payload and later fields read the new state.
 * A failed read is forgotten too: a retry within the request (a later field) may call again.
 */
export function memoizedClient<C extends object>(vendor: VendorName, client: C): C {
  const reads = READS[vendor];
  const calls = new Map<string, Promise<unknown>>();
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(client, {
    get(target, prop) {
      // Read on the client itself: its private fields belong to it, not to the proxy.
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      let fn = wrapped.get(prop);
      if (fn !== undefined) return fn;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      fn =
        typeof prop === 'string' && reads.has(prop)
          ? (...args: unknown[]) => {
              const key = callKey(prop, args);
              let call = calls.get(key);
              if (call === undefined) {
                call = method.apply(target, args);
                calls.set(key, call);
                call.catch(() => {
                  if (calls.get(key) === call) calls.delete(key);
                });
              }
              return call;
            }
          : async (...args: unknown[]) => {
              calls.clear();
              try {
                return await method.apply(target, args);
              } finally {
                calls.clear();
              }
            };
      wrapped.set(prop, fn);
      return fn;
    },
  });
}
