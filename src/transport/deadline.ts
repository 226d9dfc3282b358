import { setMaxListeners } from 'node:events';
import type { VendorName } from './types.js';

/** Why a request's signal aborted: its deadline passed, or its client went away. */
export type AbortCause = 'deadline' | 'client';

/**
 * What one GraphQL request allows its vendor calls: an absolute deadline and a number of calls per
 * vendor. The transport finds it through the request's signal, which every vendor call carries.
 */
export interface RequestScope {
  readonly signal: AbortSignal;
  /** Epoch milliseconds after which no vendor call of this request may run. */
  readonly deadlineAt: number;
  readonly deadlineMs: number;
  /** Calls (HTTP attempts, retries included) one vendor may receive for this request. */
  readonly callCap: number;
  /** Counts one more call to `vendor`; false once the cap is reached (the call is not sent). */
  takeCall(vendor: VendorName): boolean;
  calls(vendor: VendorName): number;
  /** Milliseconds left before the deadline (never negative). */
  remainingMs(now?: number): number;
  /** Stops the deadline timer; the request is answered. */
  dispose(): void;
  /** What the scope was made for (the HTTP request), for observers that follow a request. */
  readonly owner?: object;
}

class DeadlineExceeded extends Error {
  override name = 'TimeoutError';
}

// Keyed by the signal the schema passes to every client call: no resolver has to know about it.
const scopes = new WeakMap<AbortSignal, RequestScope>();

export function requestScopeOf(signal: AbortSignal | undefined): RequestScope | undefined {
  return signal ? scopes.get(signal) : undefined;
}

export function abortCause(signal: AbortSignal | undefined): AbortCause | undefined {
  if (!signal?.aborted) return undefined;
  return signal.reason instanceof DeadlineExceeded ? 'deadline' : 'client';
}

/** A scope whose signal aborts at `deadlineMs` after `startedAt`, or when `client` aborts. */
export function createRequestScope(options: {
  client: AbortSignal | undefined;
  deadlineMs: number;
  callCap: number;
  startedAt?: number;
  now?: () => number;
  owner?: object;
}): RequestScope {
  const now = options.now ?? Date.now;
  const startedAt = options.startedAt ?? now();
  const deadlineAt = startedAt + options.deadlineMs;
  const controller = new AbortController();
  // Every vendor call of the request listens on this one signal while it is on the wire.
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(
    () => controller.abort(new DeadlineExceeded(`request deadline of ${options.deadlineMs} ms`)),
    Math.max(0, deadlineAt - now()),
  );
  timer.unref?.();
  const onClientAbort = () => {
    clearTimeout(timer);
    controller.abort(options.client?.reason ?? new Error('client went away'));
  };
  if (options.client?.aborted) onClientAbort();
  else options.client?.addEventListener('abort', onClientAbort, { once: true });

  const counts = new Map<VendorName, number>();
  const scope: RequestScope = {
    signal: controller.signal,
    deadlineAt,
    deadlineMs: options.deadlineMs,
    callCap: options.callCap,
    takeCall(vendor) {
      const used = counts.get(vendor) ?? 0;
      if (used >= options.callCap) return false;
      counts.set(vendor, used + 1);
      return true;
    },
    calls: (vendor) => counts.get(vendor) ?? 0,
    remainingMs: (at = now()) => Math.max(0, deadlineAt - at),
    dispose() {
      clearTimeout(timer);
      options.client?.removeEventListener('abort', onClientAbort);
    },
    owner: options.owner,
  };
  scopes.set(controller.signal, scope);
  return scope;
}
