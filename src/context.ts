// The request context's factory. Its type lives in types.ts, which the builder, the schema and the
// http plugins import: they name the context without depending on the code that builds it.
import { requestInfo } from './http/request-info.js';
import type { Loaders } from './loaders/index.js';
import { memoizedClient } from './loaders/call-memo.js';
import { createLoaders } from './loaders/index.js';
import type { Services, VendorClients } from './services.js';
import type { RequestScope } from './transport/deadline.js';
import { createRequestScope } from './transport/deadline.js';
import type { VendorName } from './transport/types.js';
import { VENDOR_NAMES } from './transport/types.js';
import { VendorError } from './transport/vendor-error.js';
import { displayName } from './transport/vendor-transport.js';
import type { GatewayContext } from './types.js';

export function createContextFactory(services: Services) {
  const { requestDeadlineMs, vendorCallCap } = services.config;
  const client = (name: VendorName) => {
    const found = services.vendors[name];
    if (!found) throw disabledVendor(name);
    return found as NonNullable<VendorClients[typeof name]>;
  };
  /**
   * Builds the request's context in `into` (Yoga's own context object: a context returned to
   * Yoga is copied with Object.assign, which would read every getter). The scope (a timer, a
   * signal, a client listener) and the loaders are made on first use, so a request that calls
   * no vendor pays for neither.
   */
  return (request: Request, into: object = {}): GatewayContext => {
    const info = requestInfo(request);
    const context = into as GatewayContext & Lazy;
    context.requestId = info.id;
    context.client = info.client;
    context.services = services;
    context[LAZY] = {
      client,
      clients: undefined,
      vendor: undefined,
      request,
      startedAt: info.arrivedAt,
      deadlineMs: requestDeadlineMs,
      callCap: vendorCallCap,
      scope: undefined,
      loaders: undefined,
    };
    Object.defineProperties(context, LAZY_PROPERTIES);
    return context;
  };
}

const LAZY = Symbol('lazy context state');

interface Lazy {
  [LAZY]: {
    client: (name: VendorName) => object;
    /** The request's clients, each behind its call memo (loaders/call-memo.ts), on first use. */
    clients: Map<VendorName, object> | undefined;
    vendor: GatewayContext['vendor'] | undefined;
    request: Request;
    startedAt: number;
    deadlineMs: number;
    callCap: number;
    scope: RequestScope | undefined;
    loaders: Loaders | undefined;
  };
}

function scopeOf(context: Lazy): RequestScope {
  const state = context[LAZY];
  return (state.scope ??= createRequestScope({
    client: state.request.signal,
    deadlineMs: state.deadlineMs,
    callCap: state.callCap,
    startedAt: state.startedAt,
    owner: state.request,
  }));
}

// Shared by every context (no closures per request); each getter reads its own context's state.
const LAZY_PROPERTIES: PropertyDescriptorMap = {
  vendor: {
    get(this: Lazy) {
      const state = this[LAZY];
      return (state.vendor ??= ((name: VendorName) => {
        const clients = (state.clients ??= new Map());
        let memoized = clients.get(name);
        if (memoized === undefined) {
          memoized = memoizedClient(name, state.client(name));
          clients.set(name, memoized);
        }
        return memoized;
      }) as GatewayContext['vendor']);
    },
    enumerable: true,
  },
  signal: {
    get(this: Lazy) {
      return scopeOf(this).signal;
    },
    enumerable: true,
  },
  scope: {
    get(this: Lazy) {
      return scopeOf(this);
    },
    enumerable: true,
  },
  loaders: {
    get(this: Lazy & GatewayContext) {
      return (this[LAZY].loaders ??= createLoaders(this));
    },
    enumerable: true,
  },
};

/** Vendor calls the request made (retries included); 0 when it never needed its scope. */
export function vendorCallsMade(context: unknown): number {
  const scope = (context as Partial<Lazy> | null | undefined)?.[LAZY]?.scope;
  return scope ? VENDOR_NAMES.reduce((sum, vendor) => sum + scope.calls(vendor), 0) : 0;
}

/** Stops the request's deadline timer, if its scope was ever made; the request is answered. */
export function endRequest(context: unknown): void {
  (context as Partial<Lazy> | null | undefined)?.[LAZY]?.scope?.dispose();
}

export function disabledVendor(vendor: VendorName): VendorError {
  return new VendorError({
    vendor,
    kind: 'disabled',
    message: `${displayName(vendor)} is not configured: set its credentials to enable it (see README, Configuration)`,
  });
}
