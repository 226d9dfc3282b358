import type { ClientIdentity } from './http/request-info.js';
import type { Loaders } from './loaders/index.js';
import type { Services, VendorLookup } from './services.js';
import type { RequestScope } from './transport/deadline.js';

/**
 * Everything a resolver may use; built once per GraphQL request, never shared between requests.
 * Declared here, apart from its factory in context.ts, so the builder, the schema and the http
 * plugins can name the type without depending on the code that builds it (Pothos' guide keeps
 * the context type in its own module for the same reason).
 */
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
  vendor: VendorLookup;
}
