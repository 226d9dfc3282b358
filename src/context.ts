import { randomUUID } from 'node:crypto';
import type { Loaders } from './loaders/index.js';
import { createLoaders } from './loaders/index.js';
import type { Services, VendorClients } from './services.js';
import type { VendorName } from './transport/types.js';
import { VendorError } from './transport/vendor-error.js';
import { displayName } from './transport/vendor-transport.js';

/** Everything a resolver may use; built once per GraphQL request, never shared between requests. */
export interface GatewayContext {
  requestId: string;
  /** Aborts when the client goes away; vendor calls inherit it. */
  signal: AbortSignal;
  services: Services;
  loaders: Loaders;
  /** The vendor's client, or a VENDOR_DISABLED error when it has no credentials. */
  vendor<K extends VendorName>(name: K): NonNullable<VendorClients[K]>;
}

export function createContextFactory(services: Services) {
  return (request: Request): GatewayContext => {
    const context: GatewayContext = {
      requestId: request.headers.get('x-request-id')?.slice(0, 100) || randomUUID(),
      signal: request.signal,
      services,
      loaders: undefined as unknown as Loaders,
      vendor(name) {
        const client = services.vendors[name];
        if (!client) throw disabledVendor(name);
        return client as NonNullable<VendorClients[typeof name]>;
      },
    };
    context.loaders = createLoaders(context);
    return context;
  };
}

export function disabledVendor(vendor: VendorName): VendorError {
  return new VendorError({
    vendor,
    kind: 'disabled',
    message: `${displayName(vendor)} is not configured: set its credentials to enable it (see README, Configuration)`,
  });
}
