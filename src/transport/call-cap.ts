// VENDOR_CALL_CAP counts attempts, retries included. When a vendor keeps failing, its retries
// spend a request's calls, and the calls refused afterwards would say "ask for fewer items" while
// the cause is the vendor: this module remembers each request's failed attempts per vendor so that
// a refusal can name the failure behind it.
import type { RequestScope } from './deadline.js';
import type { VendorName } from './types.js';
import type { VendorErrorKind } from './vendor-error.js';
import { VendorError } from './vendor-error.js';

interface Failures {
  count: number;
  latest: VendorError;
  /** The latest failure of each operation: the refused call's own says most about it. */
  byOperation: Map<string, VendorError>;
}

/** Failures of the caller's own input (a 404 lookup, a 400) say nothing about the vendor. */
const CALLER_KINDS = new Set<VendorErrorKind>(['bad_request', 'not_found', 'conflict']);

// Keyed by the request's scope: gone with the request, never shared between requests.
const failed = new WeakMap<RequestScope, Map<VendorName, Failures>>();

/** Counts an attempt of this request that the vendor answered with a failure (or never answered). */
export function noteFailure(scope: RequestScope | undefined, error: VendorError): void {
  if (!scope || CALLER_KINDS.has(error.kind)) return;
  let vendors = failed.get(scope);
  if (!vendors) failed.set(scope, (vendors = new Map()));
  let entry = vendors.get(error.vendor);
  if (!entry)
    vendors.set(error.vendor, (entry = { count: 0, latest: error, byOperation: new Map() }));
  entry.count += 1;
  entry.latest = error;
  if (error.operation !== undefined) entry.byOperation.set(error.operation, error);
}

/**
 * Why `operation` may not be sent now that the request spent its calls to `vendor`. When at least
 * half of those calls failed, the vendor's failure is what used them up: the refusal carries that
 * failure's code and status. Otherwise it is the cap, and the message says how many calls failed.
 */
export function capRefusal(
  scope: RequestScope,
  vendor: VendorName,
  name: string,
  operation: string,
): VendorError {
  const used = scope.calls(vendor);
  const failures = failed.get(scope)?.get(vendor);
  const prefix = `${name} ${operation} was not sent`;
  if (failures && failures.count * 2 >= used) {
    const cause = failures.byOperation.get(operation) ?? failures.latest;
    return new VendorError({
      vendor,
      kind: cause.kind,
      operation,
      status: cause.status,
      vendorCode: cause.vendorCode,
      vendorMessage: cause.vendorMessage,
      retryAfter: cause.retryAfter,
      message: `${prefix}: ${name} failed ${failures.count} of the ${used} calls this request made, retries included, which reached its limit (VENDOR_CALL_CAP); the latest failure: ${cause.message}`,
    });
  }
  const failedSome = failures
    ? ` (${failures.count} of them failed, the latest: ${failures.latest.message})`
    : '';
  return new VendorError({
    vendor,
    kind: 'call_cap',
    operation,
    message: `${prefix}: this request already made ${scope.callCap} ${name} calls, its limit (VENDOR_CALL_CAP)${failedSome}; ask for fewer items or fewer fields`,
  });
}
