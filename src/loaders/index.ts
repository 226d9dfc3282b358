import type { GatewayContext } from '../context.js';

/** All of a request's loaders, built by one factory so nothing request-scoped outlives it. */
export interface Loaders {}

export function createLoaders(_context: GatewayContext): Loaders {
  return {};
}
