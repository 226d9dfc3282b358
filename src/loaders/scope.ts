import type { Services, VendorLookup } from '../services.js';

/**
 * What a request's loaders read of the request: its signal, the process-wide services and the
 * vendor clients. The request context (types.ts) has this shape and is what context.ts passes;
 * naming only this view keeps the loaders from depending on the context type, which names them.
 */
export interface LoaderScope {
  /** A getter on the context: reading it makes the request's scope, so read it on use. */
  readonly signal: AbortSignal;
  readonly services: Services;
  readonly vendor: VendorLookup;
}
