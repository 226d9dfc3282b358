import type { ClientIdentity } from './http/request-info.js';
import { requestInfo } from './http/request-info.js';
import type { Loaders } from './loaders/index.js';
import { createLoaders } from './loaders/index.js';
import type { Services, VendorClients } from './services.js';
import type { RequestScope } from './transport/deadline.js';
import { createRequestScope } from './transport/deadline.js';
import type { VendorName } from './transport/types.js';
import { VendorError } from './transport/vendor-error.js';
import { displayName } from './transport/vendor-transport.js';

/** Everything a resolver may use; built once per GraphQL request, never shared between requests. */
export interface GatewayContext {
  requestId: string;
  /**
   * Aborts at the request's deadline (REQUEST_DEADLINE_MS) or when the client goes away; every
   * vendor call inherits it, and with it the request's deadline and vendor-call cap.
   */
  signal: AbortSignal;
  /** The request's deadline and vendor-call counts. */
  scope: RequestScope;
  /** The authenticated API key's name and scope; undefined when the gateway is open. */
  client: ClientIdentity | undefined;
  services: Services;
  loaders: Loaders;
  /** The vendor's client, or a VENDOR_DISABLED error when it has no credentials. */
  vendor<K extends VendorName>(name: K): NonNullable<VendorClients[K]>;
}

export function createContextFactory(services: Services) {
  const { requestDeadlineMs, vendorCallCap } = services.config;
  return (request: Request): GatewayContext => {
    const info = requestInfo(request);
    const scope = createRequestScope({
      client: request.signal,
      deadlineMs: requestDeadlineMs,
      callCap: vendorCallCap,
      startedAt: info.arrivedAt,
    });
    const context: GatewayContext = {
      requestId: info.id,
      signal: scope.signal,
      scope,
      client: info.client,
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
